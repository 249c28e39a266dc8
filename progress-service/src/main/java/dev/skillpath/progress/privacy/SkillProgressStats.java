package dev.skillpath.progress.privacy;

/** How many learners are at each status of one skill: counts only, never who. */
public record SkillProgressStats(String skillId, int learners, int notStarted, int learning, int done, int skipped) {
}
