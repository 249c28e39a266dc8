package dev.skillpath.content.editing;

import java.util.List;
import java.util.Objects;

import dev.skillpath.content.skill.SkillCategory;

/**
 * A skill as an editor or the shipped data file describes it: the input of
 * {@code upsertSkill}, an element of {@code importRoadmap}'s document, and a record of
 * the data file.
 */
public record SkillDefinition(String id, String name, SkillCategory category, String summary, List<String> aliases,
		List<String> requires, String alternativeOf, Integer estimatedHours, List<ResourceDefinition> resources,
		PlacementDefinition placement) {

	/**
	 * Trimmed strings and empty lists instead of nulls, so that equal content compares
	 * equal.
	 */
	public SkillDefinition normalized() {
		return new SkillDefinition(
				trim(this.id), trim(this.name), this.category, trim(this.summary), trimAll(this.aliases),
				trimAll(this.requires), blankToNull(this.alternativeOf), this.estimatedHours, this.resources == null
						? List.of() : this.resources.stream().map(ResourceDefinition::normalized).toList(),
				this.placement);
	}

	/** The definition without its placement: what is stored on the skill itself. */
	public SkillDefinition content() {
		return new SkillDefinition(this.id, this.name, this.category, this.summary, this.aliases, this.requires,
				this.alternativeOf, this.estimatedHours, this.resources, null);
	}

	public boolean sameContentAs(SkillDefinition other) {
		return other != null && Objects.equals(content(), other.content());
	}

	SkillDefinition withRequires(List<String> newRequires) {
		return new SkillDefinition(this.id, this.name, this.category, this.summary, this.aliases, newRequires,
				this.alternativeOf, this.estimatedHours, this.resources, this.placement);
	}

	SkillDefinition withAlternativeOf(String choice) {
		return new SkillDefinition(this.id, this.name, this.category, this.summary, this.aliases, this.requires, choice,
				this.estimatedHours, this.resources, this.placement);
	}

	SkillDefinition withAliasesAndResources(List<String> newAliases, List<ResourceDefinition> newResources) {
		return new SkillDefinition(this.id, this.name, this.category, this.summary, newAliases, this.requires,
				this.alternativeOf, this.estimatedHours, newResources, this.placement);
	}

	private static String trim(String value) {
		return value == null ? null : value.trim();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	private static List<String> trimAll(List<String> values) {
		return values == null ? List.of() : values.stream().map((v) -> v == null ? null : v.trim()).toList();
	}

}
