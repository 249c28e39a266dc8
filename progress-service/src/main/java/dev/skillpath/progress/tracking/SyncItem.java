package dev.skillpath.progress.tracking;

import dev.skillpath.progress.skill.MasteryLevel;
import dev.skillpath.progress.skill.SkillStatus;

/** One change made offline, with the client's time of the change (ISO-8601). */
public record SyncItem(String skillId, SkillStatus status, MasteryLevel masteryLevel, String note, String timestamp,
		String clientMutationId) {

	ProgressChange change() {
		return new ProgressChange(this.skillId, this.status, this.masteryLevel, this.note, this.clientMutationId);
	}

}
