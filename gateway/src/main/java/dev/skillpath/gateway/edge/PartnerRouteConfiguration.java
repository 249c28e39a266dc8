package dev.skillpath.gateway.edge;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Circuit breakers of the partner route and of each subgraph. The time limit is the caller's
 * own timeout rather than Resilience4j's one-second default (a push of a thousand listings takes
 * seconds); a breaker opens when half of the last 20 calls (at least 10) failed, and lets a few
 * calls through again after {@code skillpath.gateway.circuit-open-for} (30 s).
 */
@Configuration(proxyBeanMethods = false)
class PartnerRouteConfiguration {

	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakers(
			@Value("${skillpath.gateway.partner-timeout:30s}") Duration timeout,
			@Value("${skillpath.gateway.circuit-open-for:30s}") Duration openFor) {
		return (factory) -> factory.configureDefault((id) -> new Resilience4JConfigBuilder(id)
			.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(timeout).build())
			.circuitBreakerConfig(breakerConfig(openFor))
			.build());
	}

	static CircuitBreakerConfig breakerConfig(Duration openFor) {
		return CircuitBreakerConfig.custom()
			.slidingWindowSize(20)
			.minimumNumberOfCalls(10)
			.failureRateThreshold(50)
			.waitDurationInOpenState(openFor)
			.permittedNumberOfCallsInHalfOpenState(2)
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.build();
	}

}
