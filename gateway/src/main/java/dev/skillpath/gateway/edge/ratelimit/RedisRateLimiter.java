package dev.skillpath.gateway.edge.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Fixed-window counts in Redis, shared by all gateway replicas: one atomic script
 * increments the window's counter and sets its expiry on first use. If Redis does not
 * answer, requests are let through (and logged by the caller): a limiter outage must not
 * take the API down.
 */
public final class RedisRateLimiter implements RateLimiter {

	private static final RedisScript<Long> INCREMENT = RedisScript.of("""
			local n = redis.call('INCR', KEYS[1])
			if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			return n
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final Clock clock;

	private final String keyPrefix;

	public RedisRateLimiter(ReactiveStringRedisTemplate redis, Clock clock, String keyPrefix) {
		this.redis = redis;
		this.clock = clock;
		this.keyPrefix = keyPrefix;
	}

	@Override
	public Mono<Decision> acquire(String key, int limit, Duration window) {
		long[] at = RateLimiter.window(this.clock.millis(), window);
		String redisKey = this.keyPrefix + key + ":" + at[0];
		return this.redis.execute(INCREMENT, List.of(redisKey), List.of(Long.toString(window.toMillis() + 1000)))
			.next()
			.map((count) -> new Decision(count <= limit, Math.max(0, limit - count), at[1]))
			.timeout(Duration.ofMillis(500))
			.onErrorResume((ex) -> Mono.just(new Decision(true, -1, 0)));
	}

}
