package dev.skillpath.gateway.edge.ratelimit;

import java.time.Clock;

import dev.skillpath.gateway.edge.clientaddress.ClientAddressResolver;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Chooses where counts live: Redis when {@code store: redis}, this JVM's memory
 * otherwise.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	@Bean
	RateLimiter rateLimiter(RateLimitProperties properties, ObjectProvider<ReactiveStringRedisTemplate> redis) {
		if ("redis".equalsIgnoreCase(properties.store())) {
			return new RedisRateLimiter(redis.getObject(), Clock.systemUTC(), properties.keyPrefix());
		}
		return new InMemoryRateLimiter(Clock.systemUTC());
	}

	@Bean
	RateLimitWebFilter rateLimitWebFilter(RateLimiter limiter, RateLimitProperties properties, MeterRegistry meters,
			ClientAddressResolver clients) {
		return new RateLimitWebFilter(limiter, properties, meters, clients);
	}

}
