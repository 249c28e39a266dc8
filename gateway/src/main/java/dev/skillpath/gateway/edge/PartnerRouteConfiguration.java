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
 * The partner route's circuit breaker: a push of a thousand listings may take many seconds, so
 * the time limit is the route's response timeout rather than Resilience4j's one-second default;
 * the breaker opens when half of the last 20 calls failed and tries again after 30 s.
 */
@Configuration(proxyBeanMethods = false)
class PartnerRouteConfiguration {

	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> partnerCircuitBreaker(
			@Value("${skillpath.gateway.partner-timeout:30s}") Duration timeout) {
		return (factory) -> factory.configureDefault((id) -> new Resilience4JConfigBuilder(id)
			.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(timeout).build())
			.circuitBreakerConfig(CircuitBreakerConfig.custom()
				.slidingWindowSize(20)
				.minimumNumberOfCalls(10)
				.failureRateThreshold(50)
				.waitDurationInOpenState(Duration.ofSeconds(30))
				.build())
			.build());
	}

}
