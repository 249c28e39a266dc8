package dev.skillpath.content.skill;

import java.time.Instant;
import java.util.List;

/**
 * A skill as stored, with the ids of its prerequisites; related skills and resources are
 * fetched per field, in batches.
 */
public record Skill(String id, String name, SkillCategory category, String summary, List<String> aliases,
		List<String> requiresIds, String alternativeOfId, int estimatedHours, Instant updatedAt) {
}
