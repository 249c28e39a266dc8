package dev.skillpath.support.security;

import java.util.EnumSet;
import java.util.Set;

import dev.skillpath.support.error.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;

/**
 * The caller of the current request, taken from the reactive security context, and the
 * checks that GraphQL controllers make before they touch data. Checks raise
 * {@link ApiException}s, so a client always sees {@code UNAUTHENTICATED} or
 * {@code FORBIDDEN} in {@code extensions.code}.
 */
public final class Callers {

	private Callers() {
	}

	/** The current caller; {@link Caller#ANONYMOUS} without a valid token. */
	public static Mono<Caller> current() {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.map(Callers::toCaller)
			.defaultIfEmpty(Caller.ANONYMOUS);
	}

	/** The current caller, who must be signed in. */
	public static Mono<Caller> authenticated() {
		return current().flatMap((caller) -> caller.isAuthenticated() ? Mono.just(caller)
				: Mono.error(ApiException.unauthenticated("Sign in first: this operation needs a bearer token")));
	}

	/** The current caller, who must be signed in and hold {@code role}. */
	public static Mono<Caller> withRole(Role role) {
		return authenticated().flatMap((caller) -> caller.hasRole(role) ? Mono.just(caller)
				: Mono.error(ApiException.forbidden("This operation needs the role " + role)));
	}

	static Caller toCaller(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return Caller.ANONYMOUS;
		}
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			for (Role role : Role.values()) {
				if (role.authority().equals(authority.getAuthority())) {
					roles.add(role);
				}
			}
		}
		return new Caller(authentication.getName(), Set.copyOf(roles));
	}

}
