package dev.skillpath.identity.token;

import java.util.ArrayList;

import dev.skillpath.identity.account.Account;
import dev.skillpath.identity.account.AccountRepository;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * What the suite's services read from a token: the subject is the account's id (stable,
 * and not the name the person chose), and {@code roles} lists LEARNER, EDITOR or ADMIN,
 * as the services' resource servers expect. Roles are read from the database each time a
 * token is made, so a changed role holds from the next refresh.
 */
public final class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final AccountRepository accounts;

	public TokenClaims(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			return;
		}
		Authentication principal = context.getPrincipal();
		Account account = this.accounts.findByUsername(principal.getName())
			.orElseThrow(() -> new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The account no longer exists", null)));
		// an ArrayList: the claims are stored with the authorization, and its JSON reader
		// allows only well-known collection types back
		context.getClaims().subject(account.id().toString()).claim("roles", new ArrayList<>(account.roles()));
		if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
				|| OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			context.getClaims().claim("preferred_username", account.username()).claim("name", account.displayName());
		}
	}

}
