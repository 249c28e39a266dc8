package dev.skillpath.gateway.signin;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Sign-in for the browser app through an OpenID Connect provider (identity-service, or
 * Keycloak, Auth0, Entra ID, ...): the gateway is the OAuth client and keeps the tokens
 * in the server-side session, the browser only a cookie (the backend-for-frontend
 * pattern).
 *
 * @param issuerUri the provider's issuer; unset, the app has no sign-in of this kind
 * @param clientId the gateway's client id at the provider
 * @param clientSecret its secret
 * @param scopes scopes asked for ({@code openid} and {@code profile} by default)
 * @param redirectUri where the provider sends the browser back; {@code {baseUrl}} is the
 * request's own scheme, host and port, which behind a TLS-terminating Ingress is not the
 * public one: set the public URL there
 * @param postLogoutRedirectUri where the provider sends the browser after signing out
 */
@ConfigurationProperties("skillpath.gateway.sign-in")
public record SignInProperties(String issuerUri, String clientId, String clientSecret, List<String> scopes,
		String redirectUri, String postLogoutRedirectUri) {

	/**
	 * The registration id, in {@code /oauth2/authorization/skillpath} and the redirect
	 * URI.
	 */
	public static final String REGISTRATION = "skillpath";

	public SignInProperties {
		scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile") : List.copyOf(scopes);
		redirectUri = StringUtils.hasText(redirectUri) ? redirectUri : "{baseUrl}/login/oauth2/code/{registrationId}";
		postLogoutRedirectUri = StringUtils.hasText(postLogoutRedirectUri) ? postLogoutRedirectUri : "{baseUrl}/";
		if (StringUtils.hasText(issuerUri) && (!StringUtils.hasText(clientId) || !StringUtils.hasText(clientSecret))) {
			throw new IllegalArgumentException("skillpath.gateway.sign-in.issuer-uri is " + issuerUri
					+ " but client-id or client-secret is missing (SKILLPATH_GATEWAY_SIGN_IN_CLIENT_ID, _CLIENT_SECRET)");
		}
	}

	public boolean enabled() {
		return StringUtils.hasText(this.issuerUri);
	}

}
