package dev.skillpath.support.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CachingJwtDecoderTest {

	private static final SecretKeySpec KEY = new SecretKeySpec(
			"a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8), "HmacSHA256");

	private final DevTokenIssuer issuer = new DevTokenIssuer(KEY, "test", Duration.ofHours(1));

	private final AtomicInteger checks = new AtomicInteger();

	/** The real HS256 check, counting how often it runs. */
	private final ReactiveJwtDecoder nimbus = counting(
			NimbusReactiveJwtDecoder.withSecretKey(KEY).macAlgorithm(MacAlgorithm.HS256).build());

	@Test
	void aValidatedTokenIsCheckedOnceAndATamperedOneIsStillRefused() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.nimbus, 100, Duration.ofMinutes(5), Clock.systemUTC());
		String token = this.issuer.issue("ada", Role.LEARNER);

		assertThat(decoder.decode(token).block().getSubject()).isEqualTo("ada");
		assertThat(decoder.decode(token).block().getSubject()).isEqualTo("ada");
		assertThat(this.checks).hasValue(1);

		String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(tampered).block());
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(tampered).block());
		assertThat(this.checks).as("failures are not cached").hasValue(3);
	}

	@Test
	void aCachedTokenIsCheckedAgainOnceItHasExpired() {
		MutableClock clock = new MutableClock(Instant.now());
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.nimbus, 100, Duration.ofHours(2), clock);
		String token = this.issuer.issue("ada", java.util.List.of(Role.LEARNER), Duration.ofMinutes(10));
		decoder.decode(token).block();
		decoder.decode(token).block();
		assertThat(this.checks).hasValue(1);

		clock.now = clock.now.plus(Duration.ofMinutes(11)); // past exp as far as the
															// cache is concerned
		decoder.decode(token).block();
		assertThat(this.checks).as("an expired entry goes back to the real check").hasValue(2);
	}

	@Test
	void theServicesDecoderRefusesExpiredTokensEvenWhenTheyWereCached() {
		NimbusReactiveJwtDecoder strict = NimbusReactiveJwtDecoder.withSecretKey(KEY)
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		strict.setJwtValidator(JwtValidators.createDefaultWithIssuer("test"));
		CachingJwtDecoder decoder = new CachingJwtDecoder(strict, 100, Duration.ofMinutes(5), Clock.systemUTC());
		String expired = this.issuer.issue("ada", java.util.List.of(Role.LEARNER), Duration.ofMinutes(-5));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(expired).block());
	}

	private ReactiveJwtDecoder counting(ReactiveJwtDecoder delegate) {
		return (token) -> Mono.defer(() -> {
			this.checks.incrementAndGet();
			return delegate.decode(token);
		});
	}

	private static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
