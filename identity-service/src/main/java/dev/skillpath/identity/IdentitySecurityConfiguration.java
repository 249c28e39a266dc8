package dev.skillpath.identity;

import java.util.Set;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.skillpath.identity.account.AccountRepository;
import dev.skillpath.identity.token.EarlierIdTokenHints;
import dev.skillpath.identity.token.SigningKeys;
import dev.skillpath.identity.token.TokenClaims;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two filter chains, as Spring Authorization Server's own samples have them: the protocol
 * endpoints (authorize, token, JWK set, OpenID discovery, user info, logout), which send
 * a browser without a session to the sign-in page; and the pages (sign-in, sign-up), with
 * form login and CSRF protection. Clients, the issuer and token lifetimes come from
 * {@code spring.security.oauth2.authorizationserver.*} in {@code identity-service.yaml}.
 */
@Configuration(proxyBeanMethods = false)
class IdentitySecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain protocolEndpoints(HttpSecurity http) throws Exception {
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.oidc(Customizer.withDefaults());
		});
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
		// the user info endpoint takes the access tokens issued here
		http.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults()));
		MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		http.exceptionHandling((exceptions) -> exceptions
			.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pages(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/login", "/signup", "/identity.css", "/error", "/actuator/**")
					.permitAll()
					.anyRequest()
					.authenticated());
		http.formLogin((form) -> form.loginPage("/login").permitAll());
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt today, with the algorithm's id in each hash so that a later one can take
		// over
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	JWKSource<SecurityContext> signingKeys(JdbcClient jdbc, TransactionTemplate transactions) {
		return SigningKeys.load(jdbc, transactions);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, JdbcClient sql,
			RegisteredClientRepository clients, JWKSource<SecurityContext> keys, AuthorizationServerSettings settings) {
		// in the database, so that a restart or another replica honours a refresh token
		return new EarlierIdTokenHints(new JdbcOAuth2AuthorizationService(jdbc, clients), sql, clients, keys,
				settings.getIssuer());
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(AccountRepository accounts) {
		return new TokenClaims(accounts);
	}

}
