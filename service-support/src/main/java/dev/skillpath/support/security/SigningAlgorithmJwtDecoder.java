package dev.skillpath.support.security;

import java.text.ParseException;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTParser;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Development tokens (HS256, signed with the local key) to one decoder, every other token
 * (the identity provider's, RS256) to the other. Only a laptop run configures both; the
 * header only chooses which check a token must pass, it never skips one.
 */
final class SigningAlgorithmJwtDecoder implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder hmac;

	private final ReactiveJwtDecoder issued;

	SigningAlgorithmJwtDecoder(ReactiveJwtDecoder hmac, ReactiveJwtDecoder issued) {
		this.hmac = hmac;
		this.issued = issued;
	}

	@Override
	public Mono<Jwt> decode(String token) {
		return (JWSAlgorithm.HS256.equals(algorithm(token)) ? this.hmac : this.issued).decode(token);
	}

	private static Object algorithm(String token) {
		try {
			return JWTParser.parse(token).getHeader().getAlgorithm();
		}
		catch (ParseException ex) {
			// not a JWT at all: the issuer's decoder says so in its own words
			return null;
		}
	}

}
