package dev.skillpath.gateway.edge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.skillpath.gateway.router.execution.RequestContext;
import dev.skillpath.gateway.router.execution.SubgraphClient;
import dev.skillpath.gateway.router.execution.SubgraphFailure;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Subgraph requests over HTTP with WebClient: pooled connections, and the time limit enforced by
 * the HTTP client on the connection's own event loop (see {@code GatewayConfiguration}) rather than
 * by a timer per call on another thread.
 */
public final class WebClientSubgraphClient implements SubgraphClient {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
	};

	private final WebClient webClient;

	private final Function<String, CircuitBreaker> breakerFactory;

	/** One breaker per subgraph, looked up once. */
	private final Map<String, CircuitBreakerOperator<Map<String, Object>>> breakers = new ConcurrentHashMap<>();

	/**
	 * @param breakerFactory the circuit breaker of a subgraph (by name): while a subgraph keeps
	 * failing, its fields fail fast instead of every request waiting for its timeout; the breaker
	 * probes again later
	 */
	public WebClientSubgraphClient(WebClient webClient, Function<String, CircuitBreaker> breakerFactory) {
		this.webClient = webClient;
		this.breakerFactory = breakerFactory;
	}

	@Override
	public Mono<Map<String, Object>> execute(String subgraph, String url, String document,
			Map<String, Object> variables, RequestContext context) {
		Map<String, Object> body = new LinkedHashMap<>(4);
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
			.transformDeferred(this.breakers.computeIfAbsent(subgraph,
					(name) -> CircuitBreakerOperator.of(this.breakerFactory.apply(name))))
			.onErrorMap(CallNotPermittedException.class,
					(ex) -> new SubgraphFailure("circuit open after repeated failures"))
			.onErrorMap(WebClientSubgraphClient::isTimeout,
					(ex) -> new TimeoutException("no answer within the subgraph timeout"));
	}

	/** Netty reports the response timeout as its own exception, wrapped by WebClient. */
	private static boolean isTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof io.netty.handler.timeout.TimeoutException
					|| cause instanceof reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException) {
				return true;
			}
		}
		return false;
	}

}
