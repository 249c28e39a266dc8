package dev.skillpath.gateway.signin;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;

/**
 * For a browser signed in through the gateway: the session's access token (refreshed when
 * it has expired) becomes the request's bearer token, before the resource server checks
 * it. From there on a cookie request is exactly a bearer request: the same check, the
 * same caller, the same {@code Authorization} header forwarded to the subgraphs (Spring
 * Cloud Gateway's {@code TokenRelay} does this for its routes; {@code /graphql} is the
 * router's). When the session can no longer get a token (the refresh token expired or was
 * revoked), the session ends and the request goes on anonymous: the app sees
 * {@code UNAUTHENTICATED} and signs in again.
 */
final class SessionTokenRelay implements WebFilter {

	private static final Log logger = LogFactory.getLog(SessionTokenRelay.class);

	private final ReactiveOAuth2AuthorizedClientManager clients;

	private final SessionCookieSecurityContextRepository contexts;

	/** Per session id, the token request under way. */
	private final ConcurrentMap<String, Mono<OAuth2AuthorizedClient>> underWay = new ConcurrentHashMap<>();

	private final RenewedIdTokens idTokens;

	private final RenewedIdTokens.ClientRegistrationSource registration;

	SessionTokenRelay(ReactiveOAuth2AuthorizedClientManager clients, SessionCookieSecurityContextRepository contexts,
			RenewedIdTokens idTokens, RenewedIdTokens.ClientRegistrationSource registration) {
		this.clients = clients;
		this.contexts = contexts;
		this.idTokens = idTokens;
		this.registration = registration;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		// sign-out needs the session's own sign-in (its ID token names the session at the
		// provider), not the bearer caller it would become here
		if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
				|| !this.contexts.hasSession(exchange)
				|| exchange.getRequest().getPath().value().equals(GatewaySecurityConfiguration.SIGN_OUT_PATH)) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter(OAuth2AuthenticationToken.class::isInstance)
			.cast(OAuth2AuthenticationToken.class)
			.flatMap((signedIn) -> exchange.getSession()
				.flatMap((session) -> shared(session.getId(), exchange, signedIn))
				.map((client) -> withBearer(exchange, client.getAccessToken().getTokenValue()))
				.onErrorResume((ex) -> {
					logger.info("A signed-in session could not renew its access token and ends: " + ex.getMessage());
					return exchange.getSession().flatMap(WebSession::invalidate).thenReturn(exchange);
				}))
			.defaultIfEmpty(exchange)
			.flatMap(chain::filter);
	}

	/**
	 * The session's renewal under way, or a new one. A renewal runs to its end even when
	 * the request that started it goes away (a browser cancels its fetches when it leaves
	 * the page): the provider rotates the refresh token as it answers, and a renewal cut
	 * off before the new tokens are in the session would leave the session with a spent
	 * refresh token and an ID token the provider no longer knows.
	 */
	private Mono<OAuth2AuthorizedClient> shared(String sessionId, ServerWebExchange exchange,
			OAuth2AuthenticationToken signedIn) {
		AtomicReference<Mono<OAuth2AuthorizedClient>> created = new AtomicReference<>();
		created.set(renewal(exchange, signedIn).doFinally((signal) -> this.underWay.remove(sessionId, created.get()))
			.cache());
		Mono<OAuth2AuthorizedClient> running = this.underWay.putIfAbsent(sessionId, created.get());
		if (running != null) {
			return running;
		}
		created.get().subscribe((client) -> {
		}, (ex) -> {
		});
		return created.get();
	}

	/** The session's access token, refreshed when it has expired (with its ID token). */
	private Mono<OAuth2AuthorizedClient> renewal(ServerWebExchange exchange, OAuth2AuthenticationToken signedIn) {
		OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId(SignInProperties.REGISTRATION)
			.principal(signedIn)
			.attribute(ServerWebExchange.class.getName(), exchange)
			.build();
		return this.idTokens.keepingLatest(this.clients.authorize(request), exchange, signedIn, this.registration);
	}

	private static ServerWebExchange withBearer(ServerWebExchange exchange, String token) {
		return exchange.mutate()
			.request((request) -> request.headers((headers) -> headers.setBearerAuth(token)))
			.build();
	}

}
