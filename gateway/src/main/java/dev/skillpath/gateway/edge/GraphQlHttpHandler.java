package dev.skillpath.gateway.edge;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.skillpath.router.OperationLimits;
import dev.skillpath.router.Router;
import dev.skillpath.router.execution.GraphQlError;
import dev.skillpath.router.execution.RequestContext;
import dev.skillpath.support.error.RequestErrorGuard;
import dev.skillpath.support.error.RequestHandlingError;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import java.util.Optional;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * GraphQL over HTTP at the gateway: {@code POST /graphql} with a JSON body, and
 * {@code GET
 * /graphql?query=...} for queries (never mutations). Hands the request to the router in
 * service with the headers subgraphs may see: Authorization, W3C trace context and the
 * allow-list.
 */
public final class GraphQlHttpHandler {

	/** Requests larger than this are refused (the codecs' default in-memory limit). */
	static final int MAX_BODY_BYTES = 256 * 1024;

	private static final List<String> ALWAYS_FORWARDED = List.of(HttpHeaders.AUTHORIZATION, "traceparent", "tracestate",
			"baggage");

	private final SupergraphManager supergraphs;

	private final GatewayProperties properties;

	private final PersistedQueryStore persistedQueries;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final DistributionSummary subgraphCalls;

	private static final Log logger = LogFactory.getLog(GraphQlHttpHandler.class);

	private final OperationLimits limits;

	public GraphQlHttpHandler(SupergraphManager supergraphs, GatewayProperties properties,
			PersistedQueryStore persistedQueries, JsonMapper json, MeterRegistry meters) {
		this.meters = meters;
		this.subgraphCalls = DistributionSummary.builder("skillpath.gateway.subgraph.calls")
			.description("Subgraph requests made for one client request")
			.publishPercentileHistogram()
			.register(meters);
		this.supergraphs = supergraphs;
		this.properties = properties;
		this.persistedQueries = persistedQueries;
		this.json = json;
		this.limits = properties.limits().toOperationLimits();
	}

	public Mono<ServerResponse> post(ServerRequest request) {
		// the body is read and parsed here, from the joined bytes, rather than through
		// the codecs
		// (their tokenizing decoder cost several per cent of a small request's CPU)
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), MAX_BODY_BYTES)
			.map(this::parseBody)
			.defaultIfEmpty(Optional.empty())
			.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.just(Optional.of(new TooLarge())))
			.flatMap((parsed) -> guarded(() -> answerBody(request, parsed)));
	}

	private Mono<ServerResponse> answerBody(ServerRequest request, Optional<Object> parsed) {
		Object body = parsed.orElse(null);
		if (body instanceof InvalidBody invalid) {
			return respond(Answer.badRequest("The body is not valid JSON: " + invalid.reason()));
		}
		if (body instanceof TooLarge) {
			return respond(new Answer(HttpStatus.PAYLOAD_TOO_LARGE,
					errorBody("The body is larger than " + MAX_BODY_BYTES + " bytes", "PAYLOAD_TOO_LARGE")));
		}
		if (body instanceof List<?> batch) {
			return batch(request, batch);
		}
		if (!(body instanceof Map<?, ?> map)) {
			return respond(Answer.badRequest("The body must be a JSON object with a query"));
		}
		return answer(request, map, false).flatMap(this::respond);
	}

	/**
	 * The handling of one request, with an {@link Error} it throws (a stack overflow in
	 * planning or shaping) answered as a 500 GraphQL error with a reference in the log,
	 * instead of unwinding the event loop with the request unanswered.
	 */
	private Mono<ServerResponse> guarded(Supplier<Mono<ServerResponse>> handling) {
		return RequestErrorGuard.guard(handling).onErrorResume(RequestHandlingError.class, (error) -> {
			String reference = UUID.randomUUID().toString();
			logger.error("Unexpected error [" + reference + "] while answering a GraphQL request", error.getCause());
			return respond(new Answer(HttpStatus.INTERNAL_SERVER_ERROR,
					errorBody("Internal error (reference " + reference + ")", "INTERNAL_SERVER_ERROR")));
		});
	}

	private Optional<Object> parseBody(DataBuffer buffer) {
		try (InputStream in = buffer.asInputStream(true)) {
			return Optional.ofNullable(this.json.readValue(in, Object.class));
		}
		catch (JacksonException | IOException ex) {
			return Optional.of(new InvalidBody(firstLine(ex)));
		}
	}

	private static String firstLine(Exception ex) {
		String message = ex instanceof JacksonException jackson ? jackson.getOriginalMessage() : ex.getMessage();
		if (message == null) {
			return ex.getClass().getSimpleName();
		}
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

	/**
	 * Several operations in one HTTP request, answered in order, up to the configured
	 * number and together within the cost limit of one request (a batch-level refusal is
	 * a 400 with one error body, as for too many operations).
	 */
	private Mono<ServerResponse> batch(ServerRequest request, List<?> batch) {
		int max = this.properties.maxBatchSize();
		if (batch.isEmpty() || batch.size() > max) {
			return respond(Answer.badRequest("A batch holds 1 to " + max + " operations, this one " + batch.size()));
		}
		GraphQlError tooCostly = batchCostError(batch);
		if (tooCostly != null) {
			return respond(new Answer(HttpStatus.BAD_REQUEST, errorBody(tooCostly)));
		}
		return Flux.fromIterable(batch)
			.concatMap((item) -> item instanceof Map<?, ?> map ? answer(request, map, false)
					: Mono.just(Answer.badRequest("Each operation of a batch must be a JSON object")))
			.map(Answer::body)
			.collectList()
			.flatMap((bodies) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(this.json.writeValueAsBytes(bodies)));
	}

	/**
	 * The whole batch refused, before any operation runs, when the operations' estimated
	 * costs add up to more than one request may cost. An operation that cannot be planned
	 * counts 0: it is answered with its own error and calls no subgraph.
	 */
	private GraphQlError batchCostError(List<?> batch) {
		Router router = this.supergraphs.router();
		if (router == null) {
			return null;
		}
		List<Long> costs = new ArrayList<>(batch.size());
		for (Object item : batch) {
			if (item instanceof Map<?, ?> body && (body.get("query") == null || body.get("query") instanceof String)
					&& (body.get("operationName") == null || body.get("operationName") instanceof String)
					&& (body.get("variables") == null || body.get("variables") instanceof Map)) {
				String query = this.persistedQueries
					.resolve((String) body.get("query"), persistedHash(body.get("extensions")))
					.query();
				if (query == null || query.isBlank()) {
					continue;
				}
				Router.Prepared prepared = router.prepare(query, (String) body.get("operationName"));
				if (prepared.plan() != null) {
					@SuppressWarnings("unchecked")
					Map<String, Object> variables = (Map<String, Object>) body.get("variables");
					costs.add(this.limits.cost(prepared.plan().operation(), router.supergraph(), variables));
				}
			}
		}
		return this.limits.checkBatchCost(costs);
	}

	private Mono<Answer> answer(ServerRequest request, Map<?, ?> body, boolean overGet) {
		Object query = body.get("query");
		Object operationName = body.get("operationName");
		Object variables = body.get("variables");
		if (query != null && !(query instanceof String) || operationName != null && !(operationName instanceof String)
				|| variables != null && !(variables instanceof Map)) {
			return Mono.just(Answer.badRequest("query and operationName must be strings and variables an object"));
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> vars = (Map<String, Object>) variables;
		return answer(request, (String) query, persistedHash(body.get("extensions")), (String) operationName, vars,
				overGet);
	}

	public Mono<ServerResponse> get(ServerRequest request) {
		String query = request.queryParam("query").orElse(null);
		Map<String, Object> variables;
		Object extensions;
		try {
			variables = request.queryParam("variables").map(this::parseObject).orElse(null);
			extensions = request.queryParam("extensions").map(this::parseObject).orElse(null);
		}
		catch (RuntimeException ex) {
			return respond(Answer.badRequest("variables and extensions must be JSON objects"));
		}
		return guarded(() -> answer(request, query, persistedHash(extensions),
				request.queryParam("operationName").orElse(null), variables, true)
			.flatMap(this::respond));
	}

	private Map<String, Object> parseObject(String text) {
		return this.json.readValue(text, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {
		});
	}

	private static String persistedHash(Object extensions) {
		if (extensions instanceof Map<?, ?> map && map.get("persistedQuery") instanceof Map<?, ?> persisted
				&& persisted.get("sha256Hash") instanceof String hash) {
			return hash;
		}
		return null;
	}

	private Mono<Answer> answer(ServerRequest http, String query, String hash, String operationName,
			Map<String, Object> variables, boolean overGet) {
		PersistedQueryStore.Resolution resolution = this.persistedQueries.resolve(query, hash);
		if (resolution.query() == null) {
			return Mono.just(new Answer(HttpStatus.OK, errorBody(resolution.error())));
		}
		Router router = this.supergraphs.router();
		if (router == null) {
			return Mono.just(new Answer(HttpStatus.SERVICE_UNAVAILABLE,
					errorBody("The gateway has no supergraph yet: " + this.supergraphs.status().lastError(),
							"SERVICE_UNAVAILABLE")));
		}
		Router.Request request = new Router.Request(resolution.query(), operationName, variables);
		if (request.query() == null || request.query().isBlank()) {
			return Mono.just(Answer.badRequest("A query is required"));
		}
		if (overGet) {
			Router.Prepared prepared = router.prepare(request.query(), request.operationName());
			if (prepared.plan() != null && prepared.plan().sequential()) {
				return Mono.just(new Answer(HttpStatus.METHOD_NOT_ALLOWED,
						errorBody("Mutations are only accepted over POST", "BAD_REQUEST")));
			}
		}
		RequestContext context = new RequestContext(forwarded(http.headers().asHttpHeaders()),
				this.properties.redactSubgraphErrors())
			.within(this.properties.operationTimeout());
		return router.execute(request, context)
			.doOnNext(this::record)
			.map((response) -> new Answer(HttpStatus.OK, response));
	}

	private Mono<ServerResponse> respond(Answer answer) {
		ServerResponse.BodyBuilder builder = ServerResponse.status(answer.status())
			.contentType(MediaType.APPLICATION_JSON);
		if (answer.status() == HttpStatus.METHOD_NOT_ALLOWED) {
			builder.header(HttpHeaders.ALLOW, "POST");
		}
		return builder.bodyValue(this.json.writeValueAsBytes(answer.body()));
	}

	/** What one operation answers: the HTTP status and the GraphQL response body. */
	private record Answer(HttpStatus status, Object body) {

		static Answer badRequest(String message) {
			return new Answer(HttpStatus.BAD_REQUEST, errorBody(message, "BAD_REQUEST"));
		}

	}

	/** A body that is not JSON at all. */
	private record InvalidBody(String reason) {
	}

	/** A body over {@link #MAX_BODY_BYTES}. */
	private record TooLarge() {
	}

	/**
	 * Subgraph calls per request, and errors per subgraph, for the federation dashboard.
	 */
	private void record(Map<String, Object> response) {
		if (response.get("extensions") instanceof Map<?, ?> extensions
				&& extensions.get("subgraphCalls") instanceof Number calls) {
			this.subgraphCalls.record(calls.doubleValue());
		}
		if (response.get("errors") instanceof List<?> errors) {
			for (Object error : errors) {
				if (error instanceof Map<?, ?> map && map.get("extensions") instanceof Map<?, ?> ext
						&& ext.get("service") instanceof String service) {
					this.meters
						.counter("skillpath.gateway.subgraph.errors", "service", service, "code",
								String.valueOf(ext.get("code")))
						.increment();
				}
			}
		}
	}

	private Map<String, String> forwarded(HttpHeaders headers) {
		Map<String, String> out = new LinkedHashMap<>();
		for (String name : ALWAYS_FORWARDED) {
			String value = headers.getFirst(name);
			if (value != null) {
				out.put(name, value);
			}
		}
		for (String name : this.properties.forwardHeaders()) {
			String value = headers.getFirst(name);
			if (value != null) {
				out.put(name.toLowerCase(Locale.ROOT), value);
			}
		}
		return out;
	}

	static Map<String, Object> errorBody(String message, String code) {
		return errorBody(GraphQlError.of(message, code));
	}

	static Map<String, Object> errorBody(GraphQlError error) {
		return GraphQlError.responseOf(List.of(error));
	}

}
