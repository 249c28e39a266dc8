package dev.skillpath.gateway.signin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillpath.support.security.Callers;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * {@code GET /webapp/session}: who the app's session belongs to, where to sign in and
 * out, and, by asking for it, the CSRF cookie the app sends back on every write.
 */
@Configuration(proxyBeanMethods = false)
class SignInRoutes {

	@Bean
	RouterFunction<ServerResponse> webAppSession(SignInProperties signIn) {
		return route(GET("/webapp/session"),
				(request) -> csrfCookie(request).then(Callers.current().zipWith(displayName().defaultIfEmpty("")))
					.flatMap((callerAndName) -> {
						Map<String, Object> body = new LinkedHashMap<>();
						body.put("signInAvailable", signIn.enabled());
						body.put("signInUrl", GatewaySecurityConfiguration.SIGN_IN_PATH.substring(1));
						body.put("signOutUrl", GatewaySecurityConfiguration.SIGN_OUT_PATH.substring(1));
						var caller = callerAndName.getT1();
						body.put("signedIn", caller.isAuthenticated());
						if (caller.isAuthenticated()) {
							body.put("subject", caller.subject());
							body.put("name",
									callerAndName.getT2().isEmpty() ? caller.subject() : callerAndName.getT2());
							body.put("roles", caller.roles().stream().map(Enum::name).sorted().toList());
						}
						else {
							body.put("roles", List.of());
						}
						return ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(body);
					}));
	}

	private static Mono<Void> csrfCookie(ServerRequest request) {
		Mono<CsrfToken> token = request.exchange().getAttribute(CsrfToken.class.getName());
		return token == null ? Mono.empty() : token.then();
	}

	/** The name the provider gave the person, from their access token. */
	private static Mono<String> displayName() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull((context) -> context.getAuthentication() instanceof JwtAuthenticationToken jwt
					? jwt.getToken().getClaimAsString(jwt.getToken().hasClaim("name") ? "name" : "preferred_username")
					: null);
	}

}
