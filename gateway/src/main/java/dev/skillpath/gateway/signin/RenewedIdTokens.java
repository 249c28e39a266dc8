package dev.skillpath.gateway.signin;

import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;

import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.ReactiveOidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps the session's ID token the provider's latest. A refresh answers a new ID token
 * beside the new access token, and the provider then knows the session by that one only:
 * sign-out, which names the session with its ID token, failed after the first refresh.
 * Spring Security updates the principal on refresh for servlet applications
 * ({@code OidcAuthorizedClientRefreshedEventListener}); on WebFlux this does: the token
 * response is noted in the Reactor context of the renewal, and the session's principal is
 * replaced by one with the new, checked, ID token.
 */
final class RenewedIdTokens {

	private static final Class<?> KEY = RenewedIdTokens.class;

	private final ReactiveOidcIdTokenDecoderFactory decoders = new ReactiveOidcIdTokenDecoderFactory();

	private final SessionCookieSecurityContextRepository contexts;

	RenewedIdTokens(SessionCookieSecurityContextRepository contexts) {
		this.contexts = contexts;
	}

	/** The refresh client to give Spring's refresh provider. */
	ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshClient() {
		WebClientReactiveRefreshTokenTokenResponseClient delegate = new WebClientReactiveRefreshTokenTokenResponseClient();
		return (request) -> delegate.getTokenResponse(request).flatMap(this::noted);
	}

	private Mono<OAuth2AccessTokenResponse> noted(OAuth2AccessTokenResponse response) {
		return Mono.deferContextual((context) -> {
			Object idToken = response.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
			if (idToken instanceof String value) {
				context.<AtomicReference<String>>getOrEmpty(KEY).ifPresent((holder) -> holder.set(value));
			}
			return Mono.just(response);
		});
	}

	/**
	 * Runs {@code renewal} (a token request of the session) and, when it brought a new ID
	 * token, puts it in the session's principal.
	 */
	<T> Mono<T> keepingLatest(Mono<T> renewal, ServerWebExchange exchange, OAuth2AuthenticationToken signedIn,
			ClientRegistrationSource registrations) {
		AtomicReference<String> renewed = new AtomicReference<>();
		return renewal.flatMap((result) -> {
			String idToken = renewed.get();
			if (idToken == null || !(signedIn.getPrincipal() instanceof OidcUser previous)) {
				return Mono.just(result);
			}
			return registrations.registration()
				.flatMap((registration) -> decode(registration, idToken))
				.flatMap((token) -> {
					OidcUser user = new DefaultOidcUser(previous.getAuthorities(), token, previous.getUserInfo(),
							"sub");
					OAuth2AuthenticationToken authentication = new OAuth2AuthenticationToken(user,
							user.getAuthorities(), signedIn.getAuthorizedClientRegistrationId());
					return this.contexts.replace(exchange, new SecurityContextImpl(authentication));
				})
				.thenReturn(result);
		}).contextWrite((context) -> context.put(KEY, renewed));
	}

	private Mono<OidcIdToken> decode(ClientRegistration registration, String idToken) {
		return this.decoders.createDecoder(registration)
			.decode(idToken)
			.map((jwt) -> new OidcIdToken(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaims()));
	}

	/** Where the provider's registration comes from (discovered on first use). */
	interface ClientRegistrationSource {

		Mono<ClientRegistration> registration();

	}

}
