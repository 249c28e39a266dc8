package dev.skillpath.support.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service checks bearer tokens. In production set {@code issuer-uri} (an OpenID Connect
 * issuer; its keys are fetched from its JWK set). Without it, tokens are HMAC-signed with
 * {@code hmac-secret}, which the local profile sets so that developers can mint tokens.
 */
@ConfigurationProperties("skillpath.security")
public record SecurityProperties(Jwt jwt, DevTokens devTokens) {

	public SecurityProperties {
		jwt = jwt != null ? jwt : new Jwt(null, null, "skillpath-local");
		devTokens = devTokens != null ? devTokens : new DevTokens(false, Duration.ofHours(8));
	}

	/**
	 * @param issuerUri OpenID Connect issuer whose JWK set validates tokens
	 * @param hmacSecret shared secret for HS256 tokens when no issuer is configured
	 * @param issuer the {@code iss} claim required of HS256 tokens
	 */
	public record Jwt(String issuerUri, String hmacSecret, String issuer) {
	}

	/**
	 * @param enabled whether {@code POST /dev/tokens} mints tokens (local profile only)
	 * @param lifetime how long a minted token is valid
	 */
	public record DevTokens(boolean enabled, Duration lifetime) {

		public DevTokens {
			lifetime = lifetime != null ? lifetime : Duration.ofHours(8);
		}

	}

}
