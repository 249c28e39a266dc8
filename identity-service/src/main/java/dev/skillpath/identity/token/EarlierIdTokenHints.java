package dev.skillpath.identity.token;

import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;

/**
 * Sign-out's {@code id_token_hint} may be any ID token issued here for the session, not
 * only the latest. Each refresh issues a new ID token and Spring Authorization Server
 * keeps the newest alone, so a client whose sign-out crosses a refresh of the same
 * session (the app's requests renew while the browser leaves to sign out) named the
 * session by a token the server no longer knew, and the sign-out failed with 400. As
 * Keycloak does, a hint is accepted when it is signed here, was issued by this issuer to
 * that client, and names a session ({@code sid}) of an authorization that is still
 * stored. Expired hints count, as the specification asks.
 */
public final class EarlierIdTokenHints implements OAuth2AuthorizationService {

	private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

	private final OAuth2AuthorizationService delegate;

	private final JdbcClient jdbc;

	private final RegisteredClientRepository clients;

	/** Checks the signature and the issuer, not the expiry. */
	private final JwtDecoder signedHere;

	public EarlierIdTokenHints(OAuth2AuthorizationService delegate, JdbcClient jdbc, RegisteredClientRepository clients,
			JWKSource<SecurityContext> keys, String issuer) {
		this.delegate = delegate;
		this.jdbc = jdbc;
		this.clients = clients;
		NimbusJwtDecoder decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
		decoder.setJwtValidator(new JwtIssuerValidator(issuer));
		this.signedHere = decoder;
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		OAuth2Authorization found = this.delegate.findByToken(token, tokenType);
		if (found != null || !ID_TOKEN.equals(tokenType)) {
			return found;
		}
		Jwt hint;
		try {
			hint = this.signedHere.decode(token);
		}
		catch (JwtException ex) {
			return null;
		}
		String username = hint.getClaimAsString("preferred_username");
		String session = hint.getClaimAsString("sid");
		List<String> audience = hint.getAudience();
		if (username == null || session == null || audience == null || audience.size() != 1) {
			return null;
		}
		RegisteredClient client = this.clients.findByClientId(audience.get(0));
		if (client == null) {
			return null;
		}
		List<String> candidates = this.jdbc.sql("""
				SELECT id FROM oauth2_authorization
				WHERE principal_name = :username AND registered_client_id = :client AND oidc_id_token_value IS NOT NULL
				ORDER BY oidc_id_token_issued_at DESC LIMIT 20""")
			.param("username", username)
			.param("client", client.getId())
			.query(String.class)
			.list();
		for (String id : candidates) {
			OAuth2Authorization authorization = this.delegate.findById(id);
			OAuth2Authorization.Token<OidcIdToken> current = authorization == null ? null
					: authorization.getToken(OidcIdToken.class);
			if (current != null && Objects.equals(session, current.getToken().getClaimAsString("sid"))) {
				return authorization;
			}
		}
		return null;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		this.delegate.save(authorization);
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.delegate.remove(authorization);
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return this.delegate.findById(id);
	}

}
