package dev.skillpath.support.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.skillpath.support.error.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /dev/tokens {"subject":"ada","roles":["EDITOR"]}} returns a signed token.
 * Only registered in the local profile, so that a developer can try every operation
 * without an identity provider.
 */
@RestController
final class DevTokenController {

	private final DevTokenIssuer issuer;

	DevTokenController(DevTokenIssuer issuer) {
		this.issuer = issuer;
	}

	record TokenRequest(String subject, List<String> roles) {
	}

	@PostMapping("/dev/tokens")
	Mono<Map<String, Object>> issue(@RequestBody TokenRequest request) {
		if (request.subject() == null || request.subject().isBlank()) {
			return Mono.error(ApiException.badUserInput("subject is required", Map.of("field", "subject")));
		}
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String name : request.roles() == null ? List.<String>of() : request.roles()) {
			try {
				roles.add(Role.valueOf(name.trim().toUpperCase()));
			}
			catch (IllegalArgumentException ex) {
				return Mono.error(ApiException.badUserInput(
						"Unknown role '" + name + "': use one of " + List.of(Role.values()), Map.of("field", "roles")));
			}
		}
		String token = this.issuer.issue(request.subject().trim(), roles);
		return Mono
			.just(Map.of("token", token, "tokenType", "Bearer", "subject", request.subject().trim(), "roles", roles));
	}

}
