package dev.skillpath.support.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.util.StringUtils;

/**
 * OAuth2 resource server for every service: a bearer token is optional at the HTTP level
 * (public reads), and each GraphQL operation decides what it needs through
 * {@link Callers}. A token that is present but invalid is refused with a 401 whose body
 * says {@code UNAUTHENTICATED}.
 */
@AutoConfiguration(before = ReactiveWebSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class ServiceSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SecurityWebFilterChain skillpathSecurityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder) {
		// stateless: no web session per request (loading the security context from a
		// session made
		// one per request, with two thread hops to create its id), no saved requests
		return http.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.oauth2ResourceServer((server) -> acceptBearerTokens(server, jwtDecoder))
			.build();
	}

	/**
	 * Bearer tokens as every service takes them (the gateway's own chain too): the
	 * {@code roles} claim as roles, and a 401 saying {@code UNAUTHENTICATED} for a token
	 * that does not pass.
	 */
	public static void acceptBearerTokens(ServerHttpSecurity.OAuth2ResourceServerSpec server,
			ReactiveJwtDecoder jwtDecoder) {
		server.authenticationEntryPoint(new JsonAuthenticationEntryPoint())
			.jwt((jwt) -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(new RolesClaimConverter()));
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveJwtDecoder skillpathJwtDecoder(SecurityProperties properties) {
		SecurityProperties.Jwt jwt = properties.jwt();
		ReactiveJwtDecoder decoder;
		if (StringUtils.hasText(jwt.issuerUri())) {
			// resolved on the first token, so a service starts before its identity
			// provider
			NimbusReactiveJwtDecoder issued = NimbusReactiveJwtDecoder.withIssuerLocation(jwt.issuerUri()).build();
			issued.setJwtValidator(JwtValidators.createDefaultWithIssuer(jwt.issuerUri()));
			// a laptop run takes both the identity service's tokens and development
			// tokens
			decoder = StringUtils.hasText(jwt.hmacSecret()) ? new SigningAlgorithmJwtDecoder(hmacDecoder(jwt), issued)
					: issued;
		}
		else {
			decoder = hmacDecoder(jwt);
		}
		SecurityProperties.TokenCache cache = properties.tokenCache();
		return cache.maxEntries() > 0
				? new CachingJwtDecoder(decoder, cache.maxEntries(), cache.maxAge(), Clock.systemUTC()) : decoder;
	}

	private static NimbusReactiveJwtDecoder hmacDecoder(SecurityProperties.Jwt jwt) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(hmacKey(jwt))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(jwt.issuer()));
		return decoder;
	}

	@Bean
	@ConditionalOnProperty(name = "skillpath.security.dev-tokens.enabled", havingValue = "true")
	DevTokenIssuer devTokenIssuer(SecurityProperties properties) {
		return new DevTokenIssuer(hmacKey(properties.jwt()), properties.jwt().issuer(),
				properties.devTokens().lifetime());
	}

	@Bean
	@ConditionalOnProperty(name = "skillpath.security.dev-tokens.enabled", havingValue = "true")
	DevTokenController devTokenController(DevTokenIssuer issuer) {
		return new DevTokenController(issuer);
	}

	static SecretKeySpec hmacKey(SecurityProperties.Jwt jwt) {
		String secret = jwt.hmacSecret();
		if (!StringUtils.hasText(secret) || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
			throw new IllegalStateException("No way to check tokens: set skillpath.security.jwt.issuer-uri "
					+ "(SKILLPATH_SECURITY_JWT_ISSUER_URI) to your identity provider, or "
					+ "skillpath.security.jwt.hmac-secret to a secret of at least 32 bytes");
		}
		return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/**
	 * The caller of a token as every service sees it, for a chain of another module's
	 * (the gateway's).
	 */
	public static Converter<Jwt, Mono<AbstractAuthenticationToken>> rolesClaimConverter() {
		return new RolesClaimConverter();
	}

	/**
	 * Maps the {@code roles} claim (and {@code scope}) to authorities; the subject is the
	 * name.
	 */
	static final class RolesClaimConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

		@Override
		public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
			Collection<GrantedAuthority> authorities = new ArrayList<>();
			List<String> roles = jwt.getClaimAsStringList("roles");
			if (roles != null) {
				roles.forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase())));
			}
			String scope = jwt.getClaimAsString("scope");
			if (StringUtils.hasText(scope)) {
				for (String s : scope.split(" ")) {
					authorities.add(new SimpleGrantedAuthority("SCOPE_" + s));
				}
			}
			return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
		}

	}

}
