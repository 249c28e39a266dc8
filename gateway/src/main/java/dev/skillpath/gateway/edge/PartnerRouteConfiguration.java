package dev.skillpath.gateway.edge;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Circuit breakers of the partner route and of each subgraph. The time limit is the
 * caller's own timeout rather than Resilience4j's one-second default (a push of a
 * thousand listings takes seconds). The policy
 * (docs/decisions/0013-overload-of-progress-writes.md): a breaker opens when half of the
 * calls of the last 10 s failed (at least 10 calls), stays open for
 * {@code skillpath.gateway.circuit-open-for} (5 s), then lets 5 trial calls through and
 * closes again if most of them were answered.
 */
@Configuration(proxyBeanMethods = false)
class PartnerRouteConfiguration {

	/** The window whose failure rate opens a breaker, in seconds. */
	static final int WINDOW_SECONDS = 10;

	static final int MINIMUM_CALLS = 10;

	static final int TRIAL_CALLS = 5;

	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakers(GatewayProperties properties) {
		return (factory) -> factory.configureDefault((id) -> new Resilience4JConfigBuilder(id)
			.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(properties.partnerTimeout()).build())
			.circuitBreakerConfig(breakerConfig(properties.circuitOpenFor()))
			.build());
	}

	/**
	 * Failures are what says a service is down or stuck: no connection, a 5xx or 404
	 * instead of a GraphQL answer, no answer within the timeout. An answer carrying
	 * GraphQL errors, such as a subgraph's own fast "overloaded, retry"
	 * ({@code SERVICE_UNAVAILABLE}, {@code retryable}), is an answer: the service is up
	 * and sheds load by itself, and refusing every call for it would only turn a partial
	 * overload into a complete outage.
	 * <p>
	 * The window is a time, not a count: under load the last 20 calls are a few
	 * milliseconds, and a burst of timeouts among hundreds of answers would open the
	 * breaker. Open briefly, then several trial calls (two would reopen it on one slow
	 * answer).
	 */
	static CircuitBreakerConfig breakerConfig(Duration openFor) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
			.slidingWindowSize(WINDOW_SECONDS)
			.minimumNumberOfCalls(MINIMUM_CALLS)
			.failureRateThreshold(50)
			.waitDurationInOpenState(openFor)
			.permittedNumberOfCallsInHalfOpenState(TRIAL_CALLS)
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.build();
	}

}
