package dev.skillpath.content.editing;

import dev.skillpath.content.skill.ResourceKind;

/** A resource as given by an editor or the data file. */
public record ResourceDefinition(String title, String url, ResourceKind kind, Boolean free) {

	ResourceDefinition normalized() {
		return new ResourceDefinition(this.title == null ? null : this.title.trim(),
				this.url == null ? null : this.url.trim(), this.kind, this.free);
	}

}
