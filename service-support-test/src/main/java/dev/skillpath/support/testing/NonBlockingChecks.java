package dev.skillpath.support.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound lets through on non-blocking threads (Netty's event loops, Reactor's
 * parallel workers) in the tests of every module that uses this one; installed by
 * blockhound-junit-platform, found through {@code META-INF/services}. Each entry cannot
 * make a thread wait for I/O: a resource read once and cached, the kernel's random
 * source, or a lock held for a few instructions.
 */
public final class NonBlockingChecks implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// graphql-java reads its validation messages (a ResourceBundle the JDK
		// caches) the first time a document is validated
		builder.allowBlockingCallsInside("graphql.i18n.I18n", "i18n");
		// Jackson builds a type's deserializer once, under a lock, and caches it;
		// event loops decoding the same new type at once wait there for microseconds
		builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
				"_createAndCacheValueDeserializer");
		// random UUIDs and API keys read /dev/urandom, which never waits for entropy
		builder.allowBlockingCallsInside("java.security.SecureRandom", "nextBytes");
		// resilience4j records each call's outcome and its events under short locks
		builder.allowBlockingCallsInside("io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics", "record");
		builder.allowBlockingCallsInside("io.github.resilience4j.circularbuffer.ConcurrentEvictingQueue",
				"writeConcurrently");
	}

}
