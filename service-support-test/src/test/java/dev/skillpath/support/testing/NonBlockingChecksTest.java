package dev.skillpath.support.testing;

import java.time.Duration;
import java.util.Locale;

import graphql.i18n.I18n;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Every module whose tests use this module runs them with BlockHound installed: a
 * blocking call on a non-blocking thread (Reactor's parallel workers, Netty's event
 * loops) fails the test.
 */
class NonBlockingChecksTest {

	@Test
	void aBlockingCallOnANonBlockingThreadFails() {
		Mono<Long> sleepy = Mono.delay(Duration.ofMillis(1), Schedulers.parallel()).doOnNext((tick) -> {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> sleepy.block(Duration.ofSeconds(5)))
			.withCauseInstanceOf(BlockingOperationError.class);
	}

	@Test
	void graphQlValidationMessagesMayLoadOnAnEventLoop() {
		Mono<I18n> validation = Mono.fromCallable(() -> I18n.i18n(I18n.BundleType.Validation, Locale.GERMAN))
			.subscribeOn(Schedulers.parallel());
		assertThatNoException().isThrownBy(() -> validation.block(Duration.ofSeconds(5)));
	}

}
