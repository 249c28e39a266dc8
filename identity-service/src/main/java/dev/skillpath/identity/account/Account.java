package dev.skillpath.identity.account;

import java.util.List;
import java.util.UUID;

/**
 * A person who signs in: {@code id} is the subject of their tokens.
 */
public record Account(UUID id, String username, String displayName, String passwordHash, List<String> roles) {

	/** The roles a person may hold, in the {@code roles} claim of their tokens. */
	public static final List<String> ROLES = List.of("LEARNER", "EDITOR", "ADMIN");

}
