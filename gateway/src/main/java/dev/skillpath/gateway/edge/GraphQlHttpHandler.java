package dev.skillpath.gateway.edge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.skillpath.gateway.router.Router;
import dev.skillpath.gateway.router.execution.RequestContext;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * GraphQL over HTTP at the gateway: {@code POST /graphql} with a JSON body, and {@code GET
 * /graphql?query=...} for queries (never mutations). Hands the request to the router in service
 * with the headers subgraphs may see: Authorization, W3C trace context and the allow-list.
 */
public final class GraphQlHttpHandler {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
	};

	private static final List<String> ALWAYS_FORWARDED = List.of(HttpHeaders.AUTHORIZATION, "traceparent",
			"tracestate", "baggage");

	private final SupergraphManager supergraphs;

	private final GatewayProperties properties;

	private final PersistedQueryStore persistedQueries;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final DistributionSummary subgraphCalls;

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
	}

	public Mono<ServerResponse> post(ServerRequest request) {
		return request.bodyToMono(JSON_MAP)
			.onErrorResume((ex) -> Mono.just(Map.of("__invalid", ex.getMessage() == null ? "unreadable body" : ex.getMessage())))
			.defaultIfEmpty(Map.of())
			.flatMap((body) -> {
				if (body.containsKey("__invalid")) {
					return badRequest("The body is not a JSON object: " + body.get("__invalid"));
				}
				Object query = body.get("query");
				Object operationName = body.get("operationName");
				Object variables = body.get("variables");
				if (query != null && !(query instanceof String) || operationName != null && !(operationName instanceof String)
						|| variables != null && !(variables instanceof Map)) {
					return badRequest("query and operationName must be strings and variables an object");
				}
				@SuppressWarnings("unchecked")
				Map<String, Object> vars = (Map<String, Object>) variables;
				return execute(request, (String) query, persistedHash(body.get("extensions")), (String) operationName,
						vars, false);
			});
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
			return badRequest("variables and extensions must be JSON objects");
		}
		return execute(request, query, persistedHash(extensions), request.queryParam("operationName").orElse(null),
				variables, true);
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

	private Mono<ServerResponse> execute(ServerRequest http, String query, String hash, String operationName,
			Map<String, Object> variables, boolean overGet) {
		PersistedQueryStore.Resolution resolution = this.persistedQueries.resolve(query, hash);
		if (resolution.query() == null) {
			return ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(errorBody(resolution.message(), resolution.errorCode()));
		}
		return execute(http, new Router.Request(resolution.query(), operationName, variables), overGet);
	}

	private Mono<ServerResponse> execute(ServerRequest http, Router.Request request, boolean overGet) {
		Router router = this.supergraphs.router();
		if (router == null) {
			return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(errorBody("The gateway has no supergraph yet: " + this.supergraphs.status().lastError(),
						"SERVICE_UNAVAILABLE"));
		}
		if (request.query() == null || request.query().isBlank()) {
			return badRequest("A query is required");
		}
		if (overGet) {
			Router.Prepared prepared = router.prepare(request.query(), request.operationName());
			if (prepared.plan() != null && prepared.plan().sequential()) {
				return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
					.header(HttpHeaders.ALLOW, "POST")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(errorBody("Mutations are only accepted over POST", "BAD_REQUEST"));
			}
		}
		RequestContext context = new RequestContext(forwarded(http.headers().asHttpHeaders()),
				this.properties.redactSubgraphErrors());
		return router.execute(request, context).doOnNext(this::record)
			.flatMap((response) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(response));
	}

	/** Subgraph calls per request, and errors per subgraph, for the federation dashboard. */
	private void record(Map<String, Object> response) {
		if (response.get("extensions") instanceof Map<?, ?> extensions
				&& extensions.get("subgraphCalls") instanceof Number calls) {
			this.subgraphCalls.record(calls.doubleValue());
		}
		if (response.get("errors") instanceof List<?> errors) {
			for (Object error : errors) {
				if (error instanceof Map<?, ?> map && map.get("extensions") instanceof Map<?, ?> ext
						&& ext.get("service") instanceof String service) {
					this.meters.counter("skillpath.gateway.subgraph.errors", "service", service, "code",
							String.valueOf(ext.get("code"))).increment();
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

	private static Mono<ServerResponse> badRequest(String message) {
		return ServerResponse.badRequest().contentType(MediaType.APPLICATION_JSON).bodyValue(errorBody(message, "BAD_REQUEST"));
	}

	static Map<String, Object> errorBody(String message, String code) {
		return Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", code))));
	}

}
