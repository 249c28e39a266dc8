package dev.skillpath.progress.skill;

/** How well the learner says they know a skill; xAPI exports it as a scaled score. */
public enum MasteryLevel {

	ATTEMPTED(0.25), FAMILIAR(0.5), PROFICIENT(0.75), MASTERED(1.0);

	private final double scaledScore;

	MasteryLevel(double scaledScore) {
		this.scaledScore = scaledScore;
	}

	public double scaledScore() {
		return this.scaledScore;
	}

}
