package dev.skillpath.gateway.edge.ratelimit;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Counts requests per key in fixed windows. Implementations keep the counts in memory
 * (one gateway) or in Redis (shared by every gateway replica).
 */
public interface RateLimiter {

	/** Whether a request for {@code key} is allowed, and if not, when to retry. */
	record Decision(boolean allowed, long remaining, long retryAfterSeconds) {
	}

	Mono<Decision> acquire(String key, int limit, Duration window);

	/** The window a moment falls in, and the seconds until it ends. */
	static long[] window(long nowMillis, Duration window) {
		long size = window.toMillis();
		long index = nowMillis / size;
		long retryAfter = Math.max(1, ((index + 1) * size - nowMillis + 999) / 1000);
		return new long[] { index, retryAfter };
	}

}
