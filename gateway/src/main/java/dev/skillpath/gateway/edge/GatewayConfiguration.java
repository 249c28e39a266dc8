package dev.skillpath.gateway.edge;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.skillpath.router.execution.InFlightDeduplication;
import dev.skillpath.router.execution.SubgraphClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** Wires the router into the gateway: subgraph client, supergraph, endpoint, health. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

	/**
	 * The HTTP clients for subgraph calls, one connection pool per event loop (see
	 * {@link EventLoopLocalHttpClients}), with room for 500 connections and 10,000
	 * waiting calls in all: Reactor Netty's default (16 connections, 32 waiting) refuses
	 * calls once a few dozen client requests are in flight, and a waiting call must not
	 * outlive the subgraph timeout. The subgraph timeout is Reactor Netty's response
	 * timeout, a timer on the connection's event loop: a {@code Mono.timeout} per call
	 * scheduled a task on another thread pool for every subgraph request (4 to 9 % of the
	 * CPU).
	 */
	@Bean
	EventLoopLocalHttpClients subgraphHttpClients(GatewayProperties properties) {
		return new EventLoopLocalHttpClients(500, 10_000, properties.subgraphTimeout());
	}

	/**
	 * For the SDL polls (not on the request path): WebClient over the shared connection
	 * pool.
	 */
	@Bean
	WebClient subgraphWebClient(WebClient.Builder builder, EventLoopLocalHttpClients subgraphHttpClients) {
		return builder
			.clientConnector(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
					subgraphHttpClients.shared()))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(NettySubgraphClient.MAX_ANSWER_BYTES))
			.build();
	}

	/**
	 * Subgraph calls go through one Resilience4j circuit breaker per subgraph, applied
	 * directly: Spring Cloud CircuitBreaker's wrapper would add a time limiter (another
	 * timer per call) on top of the HTTP client's own timeout. Identical queries in
	 * flight together share one call, counted in
	 * {@code skillpath.gateway.subgraph.deduplicated}.
	 */
	@Bean
	SubgraphClient subgraphClient(EventLoopLocalHttpClients subgraphHttpClients, JsonMapper json,
			org.springframework.beans.factory.ObjectProvider<io.micrometer.observation.ObservationRegistry> observations,
			org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory circuitBreakers,
			GatewayProperties properties, io.micrometer.core.instrument.MeterRegistry meters) {
		io.github.resilience4j.circuitbreaker.CircuitBreakerConfig config = PartnerRouteConfiguration
			.breakerConfig(properties.circuitOpenFor());
		SubgraphClient calls = new NettySubgraphClient(subgraphHttpClients, json,
				observations.getIfAvailable(() -> io.micrometer.observation.ObservationRegistry.NOOP),
				(name) -> circuitBreakers.getCircuitBreakerRegistry().circuitBreaker("subgraph-" + name, config),
				properties.subgraphTimeout());
		Map<String, io.micrometer.core.instrument.Counter> shared = new java.util.concurrent.ConcurrentHashMap<>();
		return new InFlightDeduplication(calls, properties.deduplication()::enabledFor, (subgraph) -> shared
			.computeIfAbsent(subgraph,
					(name) -> io.micrometer.core.instrument.Counter.builder("skillpath.gateway.subgraph.deduplicated")
						.description("Subgraph calls saved: requests that shared an identical call in flight")
						.tag("service", name)
						.register(meters))
			.increment());
	}

	@Bean
	SupergraphManager supergraphManager(GatewayProperties properties, WebClient subgraphWebClient,
			SubgraphClient subgraphClient) {
		return new SupergraphManager(properties, subgraphWebClient, subgraphClient);
	}

	@Bean
	PersistedQueryStore persistedQueryStore(GatewayProperties properties, JsonMapper json) {
		return PersistedQueryStore.from(properties.persistedQueries(), json);
	}

	@Bean
	GraphQlHttpHandler graphQlHttpHandler(SupergraphManager supergraphs, GatewayProperties properties,
			PersistedQueryStore persistedQueries, JsonMapper json, io.micrometer.core.instrument.MeterRegistry meters) {
		return new GraphQlHttpHandler(supergraphs, properties, persistedQueries, json, meters);
	}

	@Bean
	RouterFunction<ServerResponse> graphQlRoutes(GraphQlHttpHandler handler, GatewayProperties properties) {
		// the partner route's breaker lets calls through again after circuit-open-for:
		// that is when to retry
		long retryAfter = Math.max(1, properties.circuitOpenFor().toSeconds());
		return route(POST("/graphql"), handler::post).andRoute(GET("/graphql"), handler::get)
			.andRoute(org.springframework.web.reactive.function.server.RequestPredicates.path("/partner-unavailable"),
					(request) -> ServerResponse.status(503)
						.header("Retry-After", Long.toString(retryAfter))
						.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
						.bodyValue(Map.of("type", "about:blank", "title", "Service Unavailable", "status", 503,
								"detail",
								"The partner API is unavailable or did not answer in time; retry in " + retryAfter
										+ " s. A push that timed out may "
										+ "have been stored: sending it again is safe (records are matched by externalId).",
								"code", "SERVICE_UNAVAILABLE")));
	}

	/** Browser clients from the configured origins may call the gateway. */
	@Bean
	org.springframework.web.cors.reactive.CorsWebFilter corsWebFilter(GatewayProperties properties) {
		var config = new org.springframework.web.cors.CorsConfiguration();
		config.setAllowedOrigins(properties.cors().allowedOrigins());
		config.setAllowedMethods(java.util.List.of("GET", "POST", "OPTIONS"));
		config.setAllowedHeaders(java.util.List.of("Authorization", "Content-Type", "traceparent", "tracestate",
				"apollographql-client-name", "apollographql-client-version"));
		config.setMaxAge(3600L);
		var source = new org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", config);
		return new org.springframework.web.cors.reactive.CorsWebFilter(source);
	}

	/** Plan cache hits and misses of the router in service, and whether there is one. */
	@Bean
	io.micrometer.core.instrument.binder.MeterBinder planCacheMetrics(SupergraphManager supergraphs) {
		return (registry) -> {
			io.micrometer.core.instrument.Gauge
				.builder("skillpath.gateway.plan.cache.hit.ratio", supergraphs,
						(s) -> s.router() == null ? 0 : s.router().planCacheStats().hitRate())
				.description("Share of requests whose plan came from the cache, since the current supergraph")
				.register(registry);
			// counts, so that dashboards can show the ratio over any window (they restart
			// with each
			// new supergraph's router, which rate() takes as a counter reset)
			io.micrometer.core.instrument.FunctionCounter
				.builder("skillpath.gateway.plan.cache.lookups", supergraphs,
						(s) -> s.router() == null ? 0 : s.router().planCacheStats().hitCount())
				.description("Plan lookups, by whether the plan came from the cache")
				.tag("result", "hit")
				.register(registry);
			io.micrometer.core.instrument.FunctionCounter
				.builder("skillpath.gateway.plan.cache.lookups", supergraphs,
						(s) -> s.router() == null ? 0 : s.router().planCacheStats().missCount())
				.description("Plan lookups, by whether the plan came from the cache")
				.tag("result", "miss")
				.register(registry);
			io.micrometer.core.instrument.Gauge
				.builder("skillpath.gateway.supergraph.ready", supergraphs, (s) -> s.status().ready() ? 1 : 0)
				.description("1 once the gateway serves a composed supergraph")
				.register(registry);
		};
	}

	/**
	 * Ready only with a supergraph; the details say where it came from and the last
	 * failure.
	 */
	@Bean
	HealthIndicator supergraph(SupergraphManager supergraphs) {
		return () -> {
			SupergraphManager.Status status = supergraphs.status();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("source", status.source());
			details.put("subgraphs", status.subgraphs());
			if (status.composedAt() != null) {
				details.put("composedAt", status.composedAt().toString());
			}
			if (status.lastError() != null) {
				details.put("lastError", status.lastError());
				details.put("lastErrorAt", String.valueOf(status.lastErrorAt()));
			}
			return (status.ready() ? Health.up() : Health.outOfService()).withDetails(details).build();
		};
	}

}
