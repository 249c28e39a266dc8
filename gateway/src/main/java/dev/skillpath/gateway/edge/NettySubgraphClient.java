package dev.skillpath.gateway.edge;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.skillpath.router.execution.RequestContext;
import dev.skillpath.router.execution.SubgraphClient;
import dev.skillpath.router.execution.SubgraphFailure;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientHttpObservationDocumentation;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;

/**
 * Subgraph requests straight on Reactor Netty's HTTP client: the request body is written
 * with Jackson into one buffer and the answer read from the aggregated bytes, without
 * WebClient's exchange, filter and codec layers (about a third of the gateway's CPU per
 * request in profiles; see docs/decisions/0011). What WebClient gave for free is kept:
 * the {@code http.client.requests} observation under Spring's own convention (the
 * dashboards' and alerts' metric, and a client span whose context goes out as
 * {@code traceparent}), pooled connections (one pool per event loop, see
 * {@link EventLoopLocalHttpClients}), and the subgraph timeout as the connection's
 * response timeout. Each subgraph has a circuit breaker: while it keeps failing, its
 * fields fail fast instead of every request waiting for its timeout.
 */
public final class NettySubgraphClient implements SubgraphClient {

	private static final TypeReference<Map<String, Object>> JSON_MAP = new TypeReference<>() {
	};

	private static final ClientRequestObservationConvention CONVENTION = new DefaultClientRequestObservationConvention();

	/** Larger answers are refused: a subgraph answer is held in memory whole. */
	static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

	/**
	 * The client for a call from the current thread: see
	 * {@link EventLoopLocalHttpClients}.
	 */
	private final Supplier<HttpClient> http;

	private final JsonMapper json;

	private final ObservationRegistry observations;

	private final Function<String, CircuitBreaker> breakerFactory;

	/** One breaker per subgraph, looked up once. */
	private final Map<String, CircuitBreakerOperator<Map<String, Object>>> breakers = new ConcurrentHashMap<>();

	private final Map<String, URI> uris = new ConcurrentHashMap<>();

	/**
	 * The subgraph timeout, over the whole call: the client's own timeouts each cover one
	 * phase (waiting for a connection, connecting, the answer after the request is sent).
	 */
	private final Duration timeout;

	public NettySubgraphClient(Supplier<HttpClient> http, JsonMapper json, ObservationRegistry observations,
			Function<String, CircuitBreaker> breakerFactory, Duration timeout) {
		this.timeout = timeout;
		this.http = http;
		this.json = json;
		this.observations = observations;
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
		URI uri = this.uris.computeIfAbsent(url, URI::create);
		return Mono.deferContextual((reactorContext) -> {
			byte[] bytes = this.json.writeValueAsBytes(body);
			// the observation's tracing handler writes traceparent (the client span's)
			// into this
			// carrier when it starts; copied below over the client's own forwarded
			// traceparent
			ClientRequest.Builder carrier = ClientRequest.create(HttpMethod.POST, uri);
			ClientRequestObservationContext observed = new ClientRequestObservationContext(carrier);
			Observation observation = ClientHttpObservationDocumentation.HTTP_REACTIVE_CLIENT_EXCHANGES
				.observation(null, CONVENTION, () -> observed, this.observations)
				.parentObservation(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			ClientRequest request = carrier.build();
			observed.setRequest(request);
			return this.http.get().headers((headers) -> {
				context.forwardedHeaders().forEach(headers::set);
				request.headers().forEach(headers::set);
				headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
					.set(HttpHeaderNames.ACCEPT, "application/json, application/graphql-response+json");
			})
				.post()
				.uri(uri)
				.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bytes)))
				.responseSingle((response, content) -> answer(response, content, observed))
				.doOnError(observed::setError)
				// a call the client gave up on is timed as it was (no status: outcome
				// UNKNOWN)
				.doOnCancel(observation::stop)
				.doOnTerminate(observation::stop);
		})
			.timeout(this.timeout, Mono.error(() -> new TimeoutException("no answer within the subgraph timeout")))
			.transformDeferred(this.breakers.computeIfAbsent(subgraph,
					(name) -> CircuitBreakerOperator.of(this.breakerFactory.apply(name))))
			.onErrorMap(CallNotPermittedException.class,
					(ex) -> new SubgraphFailure("circuit open after repeated failures"))
			.onErrorMap(NettySubgraphClient::isTimeout,
					(ex) -> new TimeoutException("no answer within the subgraph timeout"));
	}

	private Mono<Map<String, Object>> answer(HttpClientResponse response, ByteBufMono content,
			ClientRequestObservationContext observed) {
		int status = response.status().code();
		observed.setResponse(ClientResponse.create(HttpStatusCode.valueOf(status)).build());
		if (status >= 500 || status == 404) {
			return Mono.error(new SubgraphFailure("HTTP " + status));
		}
		String length = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
		if (length != null && length.length() < 12 && Long.parseLong(length) > MAX_ANSWER_BYTES) {
			return Mono.error(new SubgraphFailure("answer larger than " + MAX_ANSWER_BYTES + " bytes"));
		}
		// GraphQL servers answer 4xx with a GraphQL body (e.g. 401 with UNAUTHENTICATED)
		return content.asInputStream()
			.map(this::read)
			.switchIfEmpty(Mono.error(() -> new SubgraphFailure("empty answer, HTTP " + status)));
	}

	private Map<String, Object> read(InputStream in) {
		try (in) {
			Map<String, Object> answer = this.json.readValue(in, JSON_MAP);
			if (answer == null) {
				throw new SubgraphFailure("answer is JSON null");
			}
			return answer;
		}
		catch (java.io.IOException | tools.jackson.core.JacksonException ex) {
			throw new SubgraphFailure("answer is not JSON: " + ex.getMessage());
		}
	}

	/** Netty reports the response timeout as its own exception. */
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
