package dev.skillpath.support.security;

import java.util.Set;

/**
 * Who is calling: the token's subject and roles, or an anonymous caller.
 */
public record Caller(String subject, Set<Role> roles) {

	public static final Caller ANONYMOUS = new Caller(null, Set.of());

	public boolean isAuthenticated() {
		return this.subject != null;
	}

	public boolean hasRole(Role role) {
		return this.roles.contains(role);
	}

}
