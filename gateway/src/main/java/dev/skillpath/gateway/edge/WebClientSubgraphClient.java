package dev.skillpath.gateway.edge;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.skillpath.gateway.router.execution.RequestContext;
import dev.skillpath.gateway.router.execution.SubgraphClient;
import dev.skillpath.gateway.router.execution.SubgraphFailure;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/** Subgraph requests over HTTP with WebClient (pooled connections, a timeout per request). */
public final class WebClientSubgraphClient implements SubgraphClient {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
	};

	private final WebClient webClient;

	private final Duration timeout;

	private final ReactiveCircuitBreakerFactory<?, ?> circuitBreakers;

	/** One breaker per subgraph, made once: the factory builds its configuration on every create. */
	private final Map<String, ReactiveCircuitBreaker> breakers = new ConcurrentHashMap<>();

	/**
	 * @param circuitBreakers one breaker per subgraph: while a subgraph keeps failing, its fields
	 * fail fast instead of every request waiting for its timeout; the breaker probes again later
	 */
	public WebClientSubgraphClient(WebClient webClient, Duration timeout,
			ReactiveCircuitBreakerFactory<?, ?> circuitBreakers) {
		this.webClient = webClient;
		this.timeout = timeout;
		this.circuitBreakers = circuitBreakers;
	}

	@Override
	public Mono<Map<String, Object>> execute(String subgraph, String url, String document,
			Map<String, Object> variables, RequestContext context) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", document);
		if (!variables.isEmpty()) {
			body.put("variables", variables);
		}
		return this.webClient.post()
			.uri(url)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_GRAPHQL_RESPONSE)
			.headers((headers) -> context.forwardedHeaders().forEach(headers::set))
			.bodyValue(body)
			.exchangeToMono((response) -> {
				if (response.statusCode().is5xxServerError() || response.statusCode().value() == 404) {
					return response.releaseBody()
						.then(Mono.error(new SubgraphFailure("HTTP " + response.statusCode().value())));
				}
				// GraphQL servers answer 4xx with a GraphQL body (e.g. 401 with UNAUTHENTICATED)
				return response.bodyToMono(JSON_MAP)
					.switchIfEmpty(Mono.error(new SubgraphFailure("empty answer, HTTP " + response.statusCode().value())));
			})
			.timeout(this.timeout)
			.transform((call) -> this.breakers
				.computeIfAbsent(subgraph, (name) -> this.circuitBreakers.create("subgraph-" + name))
				.run(call,
					(ex) -> Mono.error(ex instanceof CallNotPermittedException
							? new SubgraphFailure("circuit open after repeated failures") : ex)));
	}

}
