package dev.skillpath.router.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.util.context.ContextView;

/**
 * Identical subgraph queries in flight at the same time share one call: the same
 * subgraph, the same document and variables, and the same forwarded headers (the
 * {@code Authorization} header above all, so two learners never share an answer; trace
 * context is left out, it says where a request is traced, not what it may see). Calls of
 * a mutation's plan are never shared ({@link RequestContext#shareable()}), nor are
 * documents that are not queries.
 * <p>
 * The executor writes into the answers it gets (later fetches merge into the objects), so
 * each request that shared a call gets a copy of its own, made before any of them sees
 * the answer. The call goes on while any request still waits for it, and is cancelled
 * when the last one gives up. A failed call fails every request that waited for it, each
 * turning the failure into errors at its own paths.
 */
public final class InFlightDeduplication implements SubgraphClient {

	private static final Set<String> TRACE_HEADERS = Set.of("traceparent", "tracestate", "baggage");

	private final SubgraphClient delegate;

	private final Predicate<String> enabledFor;

	private final Consumer<String> onShared;

	private final Map<Key, Flight> flights = new ConcurrentHashMap<>();

	/**
	 * @param delegate makes the calls
	 * @param enabledFor which subgraphs' calls may be shared
	 * @param onShared told the subgraph's name each time a request joins a call instead
	 * of making one (a metric)
	 */
	public InFlightDeduplication(SubgraphClient delegate, Predicate<String> enabledFor, Consumer<String> onShared) {
		this.delegate = delegate;
		this.enabledFor = enabledFor;
		this.onShared = onShared;
	}

	@Override
	public Mono<Map<String, Object>> execute(String subgraph, String url, String document,
			Map<String, Object> variables, RequestContext context) {
		if (!context.shareable() || !isQuery(document) || !this.enabledFor.test(subgraph)) {
			return this.delegate.execute(subgraph, url, document, variables, context);
		}
		Key key = new Key(subgraph, url, document, variables, answerHeaders(context.forwardedHeaders()));
		Supplier<Mono<Map<String, Object>>> call = () -> this.delegate.execute(subgraph, url, document, variables,
				context);
		return Mono.create((sink) -> {
			while (true) {
				Flight flight = this.flights.computeIfAbsent(key, (k) -> new Flight(k, call));
				if (flight.join(sink)) {
					return;
				}
				// it settled between the lookup and the join: its answer is out
				this.flights.remove(key, flight);
			}
		});
	}

	/** Calls in flight now, for tests and diagnostics. */
	public int inFlight() {
		return this.flights.size();
	}

	private static boolean isQuery(String document) {
		String start = document.stripLeading();
		return !start.startsWith("mutation") && !start.startsWith("subscription");
	}

	private static Map<String, String> answerHeaders(Map<String, String> forwarded) {
		Map<String, String> headers = null;
		for (Map.Entry<String, String> header : forwarded.entrySet()) {
			if (TRACE_HEADERS.contains(header.getKey())) {
				if (headers == null) {
					headers = new LinkedHashMap<>(forwarded);
				}
				headers.remove(header.getKey());
			}
		}
		return headers == null ? forwarded : headers;
	}

	/** What makes two calls the same call; its hash is computed once. */
	private static final class Key {

		private final String subgraph;

		private final String url;

		private final String document;

		private final Map<String, Object> variables;

		private final Map<String, String> headers;

		private final int hash;

		Key(String subgraph, String url, String document, Map<String, Object> variables, Map<String, String> headers) {
			this.subgraph = subgraph;
			this.url = url;
			this.document = document;
			this.variables = variables;
			this.headers = headers;
			this.hash = Objects.hash(subgraph, url, document, variables, headers);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && this.hash == key.hash && this.subgraph.equals(key.subgraph)
					&& Objects.equals(this.url, key.url) && this.document.equals(key.document)
					&& this.variables.equals(key.variables) && this.headers.equals(key.headers);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

	/** One call and the requests waiting for it. */
	private final class Flight {

		private final Key key;

		private final Supplier<Mono<Map<String, Object>>> call;

		private final List<MonoSink<Map<String, Object>>> waiters = new ArrayList<>(2);

		/** Answered, failed or abandoned: nobody joins any more. */
		private boolean settled;

		private boolean started;

		private Disposable upstream;

		Flight(Key key, Supplier<Mono<Map<String, Object>>> call) {
			this.key = key;
			this.call = call;
		}

		/** False when the flight has settled: the caller starts another. */
		boolean join(MonoSink<Map<String, Object>> sink) {
			boolean first;
			synchronized (this) {
				if (this.settled) {
					return false;
				}
				this.waiters.add(sink);
				first = !this.started;
				this.started = true;
			}
			sink.onCancel(() -> leave(sink));
			if (first) {
				start(sink.contextView());
			}
			else {
				InFlightDeduplication.this.onShared.accept(this.key.subgraph);
			}
			return true;
		}

		/** The call runs in the first request's context (its trace, its observation). */
		private void start(ContextView context) {
			// deferred: a call that throws as it is made fails its flight instead of
			// leaving
			// it open for ever
			Disposable subscription = Mono.defer(this.call)
				.contextWrite(context)
				.subscribe(this::answered, this::failed, () -> answered(null));
			boolean abandoned;
			synchronized (this) {
				// left by all before it was set (or answered at once: disposing is
				// harmless)
				abandoned = this.settled;
				this.upstream = subscription;
			}
			if (abandoned) {
				subscription.dispose();
			}
		}

		private void leave(MonoSink<Map<String, Object>> sink) {
			Disposable cancel;
			synchronized (this) {
				if (!this.waiters.remove(sink) || !this.waiters.isEmpty() || this.settled) {
					return;
				}
				this.settled = true;
				cancel = this.upstream;
			}
			InFlightDeduplication.this.flights.remove(this.key, this);
			if (cancel != null) {
				cancel.dispose();
			}
		}

		private List<MonoSink<Map<String, Object>>> settle() {
			List<MonoSink<Map<String, Object>>> out;
			synchronized (this) {
				if (this.settled) {
					return List.of();
				}
				this.settled = true;
				out = List.copyOf(this.waiters);
				this.waiters.clear();
			}
			InFlightDeduplication.this.flights.remove(this.key, this);
			return out;
		}

		private void answered(Map<String, Object> answer) {
			List<MonoSink<Map<String, Object>>> to = settle();
			if (answer == null) {
				to.forEach(MonoSink::success);
				return;
			}
			// every copy is made before anyone can write into the original
			List<Map<String, Object>> answers = new ArrayList<>(to.size());
			for (int i = 1; i < to.size(); i++) {
				answers.add(PlanExecutor.castMap((Map<?, ?>) PlanExecutor.copy(answer)));
			}
			answers.add(answer);
			for (int i = 0; i < to.size(); i++) {
				to.get(i).success(answers.get(i));
			}
		}

		private void failed(Throwable error) {
			for (MonoSink<Map<String, Object>> sink : settle()) {
				sink.error(error);
			}
		}

	}

}
