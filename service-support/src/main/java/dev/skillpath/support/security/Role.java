package dev.skillpath.support.security;

/** Roles carried in a token's {@code roles} claim. */
public enum Role {

	/** A learner: reads the roadmap, writes their own progress. */
	LEARNER,
	/** Maintains the roadmap content. */
	EDITOR,
	/** Operates the suite: partners, feeds, aggregate figures. */
	ADMIN;

	public String authority() {
		return "ROLE_" + name();
	}

}
