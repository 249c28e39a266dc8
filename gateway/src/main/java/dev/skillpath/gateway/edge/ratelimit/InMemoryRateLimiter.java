package dev.skillpath.gateway.edge.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

/**
 * Fixed-window counts in this gateway's memory: right for one replica and for local runs.
 */
public final class InMemoryRateLimiter implements RateLimiter {

	private final Cache<String, AtomicLong> counts = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofMinutes(10))
		.maximumSize(1_000_000)
		.build();

	private final Clock clock;

	public InMemoryRateLimiter(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Mono<Decision> acquire(String key, int limit, Duration window) {
		long[] at = RateLimiter.window(this.clock.millis(), window);
		long count = this.counts.get(key + "|" + at[0], (k) -> new AtomicLong()).incrementAndGet();
		return Mono.just(new Decision(count <= limit, Math.max(0, limit - count), at[1]));
	}

}
