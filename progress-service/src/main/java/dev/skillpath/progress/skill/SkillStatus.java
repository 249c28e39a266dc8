package dev.skillpath.progress.skill;

/** Where a learner is with one skill. */
public enum SkillStatus {

	NOT_STARTED, LEARNING, DONE, SKIPPED;

	/** Settled: counts towards completion and unblocks the skills that require it. */
	public boolean isSettled() {
		return this == DONE || this == SKIPPED;
	}

	/**
	 * A change to this status is learning activity (counts for streaks and the heatmap).
	 */
	public boolean isLearning() {
		return this == LEARNING || this == DONE;
	}

}
