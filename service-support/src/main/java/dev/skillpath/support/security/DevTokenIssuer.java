package dev.skillpath.support.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import javax.crypto.SecretKey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints HS256 tokens with the local development key, for the local profile and for tests.
 * A real deployment uses an identity provider instead and never enables this.
 */
public final class DevTokenIssuer {

	private final SecretKey key;

	private final String issuer;

	private final Duration lifetime;

	public DevTokenIssuer(SecretKey key, String issuer, Duration lifetime) {
		this.key = key;
		this.issuer = issuer;
		this.lifetime = lifetime;
	}

	public String issue(String subject, Collection<Role> roles) {
		return issue(subject, roles, this.lifetime);
	}

	public String issue(String subject, Collection<Role> roles, Duration validFor) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer(this.issuer)
			.issueTime(java.util.Date.from(now))
			.expirationTime(java.util.Date.from(now.plus(validFor)))
			.claim("roles", roles.stream().map(Role::name).toList())
			.build();
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			jwt.sign(new MACSigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a development token", ex);
		}
	}

	public String issue(String subject, Role... roles) {
		return issue(subject, List.of(roles));
	}

}
