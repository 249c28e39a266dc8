package dev.skillpath.progress.skill;

import java.time.Instant;

/**
 * A learner's current state of one skill; {@code updatedAt} is the time of the change
 * that set it.
 */
public record SkillProgress(String skillId, SkillStatus status, MasteryLevel masteryLevel, String note,
		Instant updatedAt) {
}
