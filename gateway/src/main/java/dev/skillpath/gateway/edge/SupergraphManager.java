package dev.skillpath.gateway.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import dev.skillpath.router.Router;
import dev.skillpath.router.execution.SubgraphClient;
import dev.skillpath.router.supergraph.CompositionException;
import dev.skillpath.router.supergraph.JoinSpecLoader;
import dev.skillpath.router.supergraph.SubgraphComposer;
import dev.skillpath.router.supergraph.SubgraphComposer.SubgraphSchema;
import dev.skillpath.router.supergraph.Supergraph;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Keeps the router the gateway serves: composed from the subgraphs' SDL at start and
 * whenever their SDL changes (polled), or loaded once from a supergraph file. A
 * composition that fails leaves the last good one in service; the reason is logged and
 * shown in the health details. Until a first composition succeeds, the gateway is not
 * ready.
 */
public final class SupergraphManager implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SupergraphManager.class);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
	};

	/** What the health endpoint shows about the supergraph. */
	public record Status(boolean ready, String source, Instant composedAt, List<String> subgraphs, String lastError,
			Instant lastErrorAt) {
	}

	private final GatewayProperties properties;

	private final WebClient webClient;

	private final SubgraphClient subgraphClient;

	private final AtomicReference<Router> router = new AtomicReference<>();

	private volatile String composedFrom;

	private volatile Status status = new Status(false, "none", null, List.of(), "not composed yet", null);

	private volatile Disposable polling;

	public SupergraphManager(GatewayProperties properties, WebClient webClient, SubgraphClient subgraphClient) {
		this.properties = properties;
		this.webClient = webClient;
		this.subgraphClient = subgraphClient;
	}

	/** The router in service, or null before the first composition. */
	public Router router() {
		return this.router.get();
	}

	public Status status() {
		return this.status;
	}

	@Override
	public void start() {
		if (this.properties.supergraphFile() != null && !this.properties.supergraphFile().isBlank()) {
			Path file = Path.of(this.properties.supergraphFile());
			try {
				Supergraph supergraph = JoinSpecLoader.load(Files.readString(file), this.properties.subgraphs());
				install(supergraph, "file " + file, "file:" + file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the supergraph file " + file, ex);
			}
			return;
		}
		if (this.properties.subgraphs().isEmpty()) {
			throw new IllegalStateException(
					"Configure skillpath.gateway.subgraphs (name: url) or skillpath.gateway.supergraph-file");
		}
		// first attempt now; until one succeeds, retry every second (the subgraphs are
		// usually
		// starting beside the gateway, and readiness waits for this); then poll for
		// changes
		recompose().subscribe();
		Duration poll = this.properties.pollInterval();
		long ticksPerPoll = poll.isZero() ? Long.MAX_VALUE : Math.max(1, poll.toMillis() / UNTIL_READY.toMillis());
		this.polling = Flux.interval(UNTIL_READY, UNTIL_READY, Schedulers.parallel())
			.filter((tick) -> this.router.get() == null || (tick + 1) % ticksPerPoll == 0)
			.onBackpressureDrop()
			.concatMap((tick) -> recompose())
			.subscribe();
	}

	/** How often composition is retried while the gateway has no supergraph. */
	private static final Duration UNTIL_READY = Duration.ofSeconds(1);

	/** Fetches every subgraph's SDL and recomposes when they changed. */
	public Mono<Void> recompose() {
		List<Mono<SubgraphSchema>> fetches = new ArrayList<>();
		this.properties.subgraphs().forEach((name, url) -> fetches.add(fetchSdl(name, url)));
		return Flux.mergeSequential(fetches).collectList().doOnNext((schemas) -> {
			String fingerprint = schemas.stream()
				.map((s) -> s.name() + "\n" + s.url() + "\n" + s.sdl())
				.toList()
				.toString();
			if (Objects.equals(fingerprint, this.composedFrom)) {
				return;
			}
			try {
				Supergraph supergraph = SubgraphComposer.compose(schemas);
				install(supergraph, "composed from " + this.properties.subgraphs().keySet(), fingerprint);
			}
			catch (CompositionException ex) {
				failed("composition failed: " + String.join("; ", ex.problems()));
			}
		}).onErrorResume((ex) -> {
			failed(ex.getMessage());
			return Mono.empty();
		}).then();
	}

	private Mono<SubgraphSchema> fetchSdl(String name, String url) {
		return this.webClient.post()
			.uri(url)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ _service { sdl } }"))
			.retrieve()
			.bodyToMono(JSON_MAP)
			.timeout(this.properties.subgraphTimeout())
			.map((response) -> {
				Object data = response.get("data");
				Object service = data instanceof Map<?, ?> d ? d.get("_service") : null;
				Object sdl = service instanceof Map<?, ?> s ? s.get("sdl") : null;
				if (!(sdl instanceof String text)) {
					throw new IllegalStateException("subgraph " + name + " at " + url + " answered no _service.sdl");
				}
				return new SubgraphSchema(name, url, text);
			})
			.onErrorMap((ex) -> !(ex instanceof IllegalStateException), (ex) -> new IllegalStateException(
					"subgraph " + name + " at " + url + " is not reachable: " + ex.getMessage(), ex));
	}

	private void install(Supergraph supergraph, String source, String fingerprint) {
		this.router.set(new Router(supergraph, this.subgraphClient, this.properties.planCacheSize(),
				this.properties.limits().toOperationLimits()));
		this.composedFrom = fingerprint;
		this.status = new Status(true, source, Instant.now(), List.copyOf(supergraph.subgraphNames()), null, null);
		logger.info("Serving the supergraph " + source + " with " + supergraph.types().size() + " types");
	}

	private void failed(String reason) {
		Status previous = this.status;
		if (!Objects.equals(previous.lastError(), reason)) {
			logger.warn(previous.ready() ? "Keeping the last good supergraph: " + reason
					: "No supergraph yet (will retry): " + reason);
		}
		this.status = new Status(previous.ready(), previous.source(), previous.composedAt(), previous.subgraphs(),
				reason, Instant.now());
	}

	@Override
	public void stop() {
		Disposable current = this.polling;
		if (current != null) {
			current.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return this.router.get() != null || this.polling != null;
	}

}
