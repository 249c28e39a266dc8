package dev.skillpath.support.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service checks bearer tokens. In production set {@code issuer-uri} (an OpenID
 * Connect issuer; its keys are fetched from its JWK set). Without it, tokens are
 * HMAC-signed with {@code hmac-secret}, which the local profile sets so that developers
 * can mint tokens.
 */
@ConfigurationProperties("skillpath.security")
public record SecurityProperties(Jwt jwt, DevTokens devTokens, TokenCache tokenCache) {

	public SecurityProperties {
		jwt = jwt != null ? jwt : new Jwt(null, null, "skillpath-local");
		devTokens = devTokens != null ? devTokens : new DevTokens(false, Duration.ofHours(8));
		tokenCache = tokenCache != null ? tokenCache : new TokenCache(null, null);
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

	/**
	 * Tokens that passed validation, remembered so that repeated requests skip the check.
	 *
	 * @param maxEntries how many tokens to remember (0 turns the cache off); default 4096
	 * @param maxAge the longest a token is remembered (never past its expiry); default 5
	 * minutes
	 */
	public record TokenCache(Long maxEntries, Duration maxAge) {

		public TokenCache {
			maxEntries = maxEntries != null ? maxEntries : 4096L;
			maxAge = maxAge != null ? maxAge : Duration.ofMinutes(5);
		}

	}

}
