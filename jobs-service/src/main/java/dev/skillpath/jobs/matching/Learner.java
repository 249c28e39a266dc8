package dev.skillpath.jobs.matching;

import java.util.List;

/**
 * A learner as the router hands it over: the key and the skills they completed and
 * skipped (from progress-service).
 */
public record Learner(String id, List<String> completedSkillIds, List<String> skippedSkillIds) {
}
