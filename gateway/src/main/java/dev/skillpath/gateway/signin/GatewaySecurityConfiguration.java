package dev.skillpath.gateway.signin;

import dev.skillpath.support.security.ServiceSecurityAutoConfiguration;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;

/**
 * The gateway's filter chain. Without sign-in configured it is the services' own
 * ({@link ServiceSecurityAutoConfiguration}): stateless, bearer tokens only. With
 * {@code skillpath.gateway.sign-in.issuer-uri}, browsers also sign in here (Authorization
 * Code with PKCE; docs/decisions/0026): the tokens stay in the gateway's session, the
 * browser holds an HttpOnly, SameSite=Lax session cookie, and every unsafe request that
 * carries that cookie instead of a bearer token needs the CSRF token (cookie
 * {@code XSRF-TOKEN}, sent back as the {@code X-XSRF-TOKEN} header or a {@code _csrf}
 * field). Sign-out ({@code POST /logout}) ends the gateway's session and the provider's.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

	static final String SIGN_IN_PATH = "/oauth2/authorization/" + SignInProperties.REGISTRATION;

	static final String SIGN_OUT_PATH = "/logout";

	@Bean
	SecurityWebFilterChain gatewaySecurityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
			SignInProperties signIn, @Value("${server.reactive.session.cookie.name:SESSION}") String sessionCookie) {
		http.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.oauth2ResourceServer((server) -> ServiceSecurityAutoConfiguration.acceptBearerTokens(server, jwtDecoder));
		if (!signIn.enabled()) {
			return http.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
				.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.logout(ServerHttpSecurity.LogoutSpec::disable)
				.build();
		}
		SessionCookieSecurityContextRepository contexts = new SessionCookieSecurityContextRepository(sessionCookie);
		RenewedIdTokens idTokens = new RenewedIdTokens(contexts);
		ReactiveClientRegistrationRepository registrations = new DiscoveredClientRegistrations(signIn);
		ServerOAuth2AuthorizedClientRepository authorizedClients = new WebSessionServerOAuth2AuthorizedClientRepository();
		SessionTokenRelay relay = new SessionTokenRelay(
				authorizedClientManager(registrations, authorizedClients, idTokens), contexts, idTokens,
				() -> registrations.findByRegistrationId(SignInProperties.REGISTRATION));
		OidcClientInitiatedServerLogoutSuccessHandler atProvider = new OidcClientInitiatedServerLogoutSuccessHandler(
				registrations);
		atProvider.setPostLogoutRedirectUri(signIn.postLogoutRedirectUri());
		// a session without the provider's ID token: back to the app (no /login here)
		atProvider.setLogoutSuccessUrl(java.net.URI.create("/"));
		DefaultServerOAuth2AuthorizationRequestResolver pkce = new DefaultServerOAuth2AuthorizationRequestResolver(
				registrations);
		pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
		csrfTokens.setCookieCustomizer((cookie) -> cookie.sameSite("Lax"));
		return http.securityContextRepository(contexts)
			.oauth2Login((login) -> login.clientRegistrationRepository(registrations)
				.authorizedClientRepository(authorizedClients)
				.authorizationRequestResolver(pkce)
				.securityContextRepository(contexts)
				// no login page of our own: the one way in is the provider's
				.loginPage(SIGN_IN_PATH)
				.authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/"))
				.authenticationFailureHandler(new RedirectServerAuthenticationFailureHandler("/?signIn=failed")))
			.logout((logout) -> logout.logoutUrl(SIGN_OUT_PATH)
				.logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
						new WebSessionServerLogoutHandler()))
				.logoutSuccessHandler(atProvider))
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens)
				// the plain token, as the app reads it from the cookie (no BREACH
				// masking:
				// the token is never in a response body)
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(new CookieAuthenticatedUnsafeRequests(contexts)))
			.addFilterBefore(relay, SecurityWebFiltersOrder.AUTHENTICATION)
			.build();
	}

	private static ReactiveOAuth2AuthorizedClientManager authorizedClientManager(
			ReactiveClientRegistrationRepository registrations, ServerOAuth2AuthorizedClientRepository clients,
			RenewedIdTokens idTokens) {
		DefaultReactiveOAuth2AuthorizedClientManager manager = new DefaultReactiveOAuth2AuthorizedClientManager(
				registrations, clients);
		manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
			.authorizationCode()
			.refreshToken((refresh) -> refresh.accessTokenResponseClient(idTokens.refreshClient()))
			.build());
		return manager;
	}

	/**
	 * CSRF applies where a browser's cookie would do the authenticating: an unsafe
	 * method, a session cookie, and no bearer token. Bearer clients and partners (API
	 * key) have nothing a cross-site page could ride on.
	 */
	private record CookieAuthenticatedUnsafeRequests(
			SessionCookieSecurityContextRepository contexts) implements ServerWebExchangeMatcher {

		@Override
		public Mono<MatchResult> matches(org.springframework.web.server.ServerWebExchange exchange) {
			HttpMethod method = exchange.getRequest().getMethod();
			boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
					|| method == HttpMethod.TRACE;
			boolean needed = !safe && this.contexts.hasSession(exchange)
					&& !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
					&& !exchange.getRequest().getPath().value().startsWith("/partner/");
			return needed ? MatchResult.match() : MatchResult.notMatch();
		}

	}

}
