package dev.skillpath.router.execution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;

import dev.skillpath.router.planning.FetchNode;
import dev.skillpath.router.planning.QueryPlan;
import dev.skillpath.router.supergraph.Supergraph;
import graphql.language.AstPrinter;
import graphql.language.VariableDefinition;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a {@link QueryPlan}: root fetches in parallel (in order for mutations), each
 * entity fetch once its parent (and the siblings it depends on) are in, with one
 * {@code _entities} field per fetch for all objects at its path and each distinct
 * representation sent once. Entity fetches to one subgraph that become ready together
 * (siblings waiting for the same fetches) share one request, each under an alias of its
 * own, so a step costs each subgraph one request at most. A failing subgraph costs only
 * the fields it would have provided: they become null with an error that names the path
 * and the service.
 */
public final class PlanExecutor {

	private static final System.Logger LOG = System.getLogger(PlanExecutor.class.getName());

	private final Supergraph supergraph;

	private final SubgraphClient client;

	public PlanExecutor(Supergraph supergraph, SubgraphClient client) {
		this.supergraph = supergraph;
		this.client = client;
	}

	/**
	 * The outcome of a plan before shaping: merged data, errors, and how many requests it
	 * took.
	 */
	public record Outcome(Map<String, Object> data, List<GraphQlError> errors, int subgraphCalls) {
	}

	public Mono<Outcome> execute(QueryPlan plan, Map<String, Object> variables, RequestContext context) {
		// a mutation's calls, also the entity fetches after it, must see its writes: none
		// of them joins another request's call
		RequestContext forPlan = plan.sequential() ? context.unshared() : context;
		Run run = new Run(variables == null ? Map.of() : variables, forPlan, plan.variableDefinitions());
		Flux<FetchNode> roots = Flux.fromIterable(plan.roots());
		Mono<Void> all = plan.sequential() ? roots.concatMap(run::node).then() : roots.flatMap(run::node).then();
		Mono<Outcome> outcome = all.then(Mono.fromSupplier(() -> run.close(null)));
		Duration deadline = context.deadline();
		// the subgraph calls are each bounded; this bounds the operation, whatever keeps
		// it
		return deadline == null ? outcome : outcome.timeout(deadline, Mono.fromSupplier(() -> run.close(deadline)));
	}

	/** The state of one execution. All access to {@code data} holds its monitor. */
	private final class Run {

		final Map<String, Object> data = new LinkedHashMap<>();

		final List<GraphQlError> errors = Collections.synchronizedList(new ArrayList<>());

		final AtomicInteger calls = new AtomicInteger();

		/**
		 * Calls under way, each with what reports its failure: what the deadline cuts
		 * short.
		 */
		final Map<Object, Consumer<Throwable>> inFlight = new ConcurrentHashMap<>();

		/**
		 * Answered or out of time: later answers are dropped. Guarded by {@code data}.
		 */
		boolean closed;

		final Map<String, Object> variables;

		final RequestContext context;

		/** The operation's variable definitions, for requests that join fetches. */
		final Map<String, VariableDefinition> definitions;

		Run(Map<String, Object> variables, RequestContext context, Map<String, VariableDefinition> definitions) {
			this.variables = variables;
			this.context = context;
			this.definitions = definitions;
		}

		/**
		 * The outcome, once: when out of time ({@code deadline} given), with an error for
		 * each call still under way.
		 */
		Outcome close(Duration deadline) {
			synchronized (this.data) {
				this.closed = true;
				if (deadline != null) {
					List<String> unanswered = new ArrayList<>();
					TimeoutException late = new TimeoutException(
							"no answer within the operation's time limit of " + deadline.toMillis() + " ms");
					this.inFlight.forEach((call, fail) -> {
						unanswered.add(String.valueOf(call));
						fail.accept(late);
					});
					if (unanswered.isEmpty()) {
						this.errors.add(GraphQlError.of(
								"The operation did not finish within its time limit of " + deadline.toMillis() + " ms",
								"GATEWAY_TIMEOUT"));
					}
					LOG.log(System.Logger.Level.WARNING, "Operation out of time after {0} ms; calls under way: {1}",
							deadline.toMillis(), unanswered);
				}
				return new Outcome(this.data, List.copyOf(this.errors), this.calls.get());
			}
		}

		/**
		 * Runs {@code handle} unless the operation is over (its outcome taken when it ran
		 * out of time).
		 */
		private void whileOpen(Runnable handle) {
			synchronized (this.data) {
				if (!this.closed) {
					handle.run();
				}
			}
		}

		Mono<Void> node(FetchNode node) {
			Mono<Void> fetch = node.isEntityFetch() ? entities(List.of(node)) : root(node);
			return fetch.then(Mono.defer(() -> children(node.children())));
		}

		Mono<Void> children(List<FetchNode> children) {
			if (children.isEmpty()) {
				return Mono.empty();
			}
			// entity fetches to one subgraph that wait for the same fetches are ready
			// together: one request carries them all
			Map<FetchNode, Mono<Void>> runs = new LinkedHashMap<>();
			Map<List<Object>, List<FetchNode>> together = new LinkedHashMap<>();
			Map<List<Object>, Mono<Void>> requests = new HashMap<>();
			for (FetchNode child : children) {
				Mono<Void> after = Mono.when(child.dependsOn().stream().map(runs::get).toList());
				if (!child.isEntityFetch()) {
					runs.put(child, after.then(Mono.defer(() -> node(child))).cache());
					continue;
				}
				List<Object> key = new ArrayList<>(child.dependsOn());
				key.add(0, child.subgraph());
				List<FetchNode> members = together.computeIfAbsent(key, (k) -> new ArrayList<>());
				members.add(child);
				Mono<Void> request = requests.computeIfAbsent(key,
						(k) -> after.then(Mono.defer(() -> entities(members))).cache());
				runs.put(child, request.then(Mono.defer(() -> children(child.children()))).cache());
			}
			return Mono.when(runs.values());
		}

		private Mono<Void> root(FetchNode node) {
			this.calls.incrementAndGet();
			Consumer<Throwable> failed = (ex) -> {
				for (Selection<?> selection : node.selection().getSelections()) {
					if (selection instanceof Field field) {
						this.errors.add(failure(node, List.of(responseKey(field)), ex));
					}
				}
			};
			return call(node, node.document(), subset(node.variables()), failed)
				.doOnNext((response) -> whileOpen(() -> {
					if (response.get("data") instanceof Map<?, ?> map) {
						merge(this.data, castMap((Map<?, ?>) renamed(map, node.responseKeyRenames())));
					}
					for (Map<String, Object> error : errorsOf(response)) {
						this.errors.add(subgraphError(node, error, error.get("path")));
					}
				}))
				.onErrorResume((ex) -> {
					whileOpen(() -> failed.accept(ex));
					return Mono.empty();
				})
				.then();
		}

		/** The objects one entity fetch sends, and where each answer goes. */
		private record Batch(FetchNode node, List<Map<String, Object>> representations,
				List<List<Target>> targetsByRepresentation, boolean interfaceObject) {
		}

		/**
		 * Entity fetches to one subgraph that are ready together, in one request: each as
		 * an aliased {@code _entities} field of its own when there are several.
		 */
		private Mono<Void> entities(List<FetchNode> nodes) {
			List<Batch> batches = new ArrayList<>();
			for (FetchNode node : nodes) {
				Batch batch = prepare(node);
				if (batch != null) {
					batches.add(batch);
				}
			}
			if (batches.isEmpty()) {
				return Mono.empty();
			}
			if (batches.size() == 1) {
				Batch batch = batches.get(0);
				Map<String, Object> variables = new LinkedHashMap<>(subset(batch.node().variables()));
				variables.put("representations", batch.representations());
				this.calls.incrementAndGet();
				return call(batch.node(), batch.node().document(), variables, (ex) -> failed(batch, ex))
					.doOnNext((response) -> whileOpen(() -> {
						Object entities = response.get("data") instanceof Map<?, ?> d ? d.get("_entities") : null;
						apply(batch, entities, errorsOf(response), "_entities");
					}))
					.onErrorResume((ex) -> {
						whileOpen(() -> failed(batch, ex));
						return Mono.empty();
					})
					.then();
			}
			Map<String, Object> variables = new LinkedHashMap<>();
			Set<String> used = new LinkedHashSet<>();
			StringBuilder fields = new StringBuilder();
			StringBuilder definitions = new StringBuilder();
			for (int i = 0; i < batches.size(); i++) {
				FetchNode node = batches.get(i).node();
				variables.putAll(subset(node.variables()));
				variables.put("r" + i, batches.get(i).representations());
				used.addAll(node.variables());
				definitions.append(" $r").append(i).append(": [_Any!]!");
				fields.append(" e")
					.append(i)
					.append(": _entities(representations: $r")
					.append(i)
					.append(") { ... on ")
					.append(node.entityType())
					.append(' ')
					.append(AstPrinter.printAstCompact(node.selection()))
					.append(" }");
			}
			for (String name : used) {
				VariableDefinition definition = this.definitions.get(name);
				if (definition != null) {
					definitions.append(' ').append(AstPrinter.printAstCompact(definition));
				}
			}
			String document = "query(" + definitions.toString().trim() + ") {" + fields + " }";
			this.calls.incrementAndGet();
			return call(batches.get(0).node(), document, variables,
					(ex) -> batches.forEach((batch) -> failed(batch, ex)))
				.doOnNext((response) -> whileOpen(() -> {
					Map<?, ?> data = response.get("data") instanceof Map<?, ?> d ? d : Map.of();
					List<Map<String, Object>> errors = errorsOf(response);
					for (int i = 0; i < batches.size(); i++) {
						String alias = "e" + i;
						List<Map<String, Object>> own = errors.stream()
							.filter((e) -> e.get("path") instanceof List<?> p && !p.isEmpty() && alias.equals(p.get(0)))
							.toList();
						apply(batches.get(i), data.get(alias), own, alias);
					}
					errors.stream()
						.filter((e) -> !(e.get("path") instanceof List<?> p) || p.isEmpty()
								|| !String.valueOf(p.get(0)).matches("e\\d+"))
						.forEach((e) -> this.errors.add(subgraphError(batches.get(0).node(), e, null)));
				}))
				.onErrorResume((ex) -> {
					whileOpen(() -> batches.forEach((batch) -> failed(batch, ex)));
					return Mono.empty();
				})
				.then();
		}

		/**
		 * The distinct representations of the objects at the fetch's path that are of its
		 * entity type; null when there are none or its fields are all skipped.
		 */
		private Batch prepare(FetchNode node) {
			if (!wanted(node.selection())) {
				return null; // every field this fetch would bring is skipped for these
								// variables
			}
			List<Target> targets = new ArrayList<>();
			Map<String, Integer> index = new LinkedHashMap<>();
			List<Map<String, Object>> representations = new ArrayList<>();
			List<List<Target>> targetsByRepresentation = new ArrayList<>();
			boolean interfaceObject = PlanExecutor.this.supergraph.type(node.entityType())
				.interfaceObjectIn()
				.contains(node.subgraph());
			synchronized (this.data) {
				collect(this.data, node.path(), 0, new ArrayList<>(), targets);
				for (Target target : targets) {
					Object typename = target.object().get("__typename");
					if (!(typename instanceof String type)
							|| !PlanExecutor.this.supergraph.matches(type, node.entityType())) {
						continue;
					}
					Map<String, Object> representation = represent(node.representation(), target.object());
					if (representation == null) {
						continue;
					}
					if (interfaceObject) {
						// it knows only the interface
						representation.put("__typename", node.entityType());
					}
					String identity = representation.toString();
					Integer at = index.get(identity);
					if (at == null) {
						at = representations.size();
						index.put(identity, at);
						representations.add(representation);
						targetsByRepresentation.add(new ArrayList<>());
					}
					targetsByRepresentation.get(at).add(target);
				}
			}
			return representations.isEmpty() ? null
					: new Batch(node, representations, targetsByRepresentation, interfaceObject);
		}

		/**
		 * Merges the answer of one {@code _entities} field (under {@code alias}) into the
		 * objects it was asked for.
		 */
		private void apply(Batch batch, Object entities, List<Map<String, Object>> errors, String alias) {
			FetchNode node = batch.node();
			List<List<Target>> targetsByRepresentation = batch.targetsByRepresentation();
			synchronized (this.data) {
				if (entities instanceof List<?> list) {
					for (int i = 0; i < list.size() && i < targetsByRepresentation.size(); i++) {
						if (list.get(i) instanceof Map<?, ?> entity) {
							// the first object takes the answer over; the others get
							// their
							// own copy, since later fetches at different paths may write
							// different fields into them
							List<Target> same = targetsByRepresentation.get(i);
							Map<String, Object> answer = castMap(
									(Map<?, ?>) renamed(entity, node.responseKeyRenames()));
							if (batch.interfaceObject()) {
								// the interface's name, not the object's type
								answer.remove("__typename");
							}
							for (int t = 0; t < same.size(); t++) {
								merge(same.get(t).object(), t == 0 ? answer : castMap((Map<?, ?>) copy(answer)));
							}
						}
					}
				}
			}
			for (Map<String, Object> error : errors) {
				this.errors.add(
						subgraphError(node, error, entityErrorPath(error.get("path"), alias, targetsByRepresentation)));
			}
		}

		private void failed(Batch batch, Throwable ex) {
			FetchNode node = batch.node();
			List<Object> path = new ArrayList<>(batch.targetsByRepresentation().get(0).get(0).path());
			node.selection()
				.getSelections()
				.stream()
				.filter((s) -> s instanceof Field f && !f.getName().equals("__typename"))
				.findFirst()
				.ifPresent((s) -> path.add(responseKey((Field) s)));
			this.errors.add(failure(node, path, ex));
		}

		private boolean wanted(SelectionSet selection) {
			boolean onlyTypename = true;
			for (Selection<?> each : selection.getSelections()) {
				if (each instanceof Field field && field.getName().equals("__typename")) {
					continue;
				}
				onlyTypename = false;
				if (Directives.included((graphql.language.DirectivesContainer<?>) each, this.variables)) {
					return true;
				}
			}
			// a fetch of __typename alone asks an interface's owner for the object's type
			return onlyTypename;
		}

		/**
		 * One subgraph request; {@code failed} reports its failure if the operation runs
		 * out of time while it is under way.
		 */
		private Mono<Map<String, Object>> call(FetchNode node, String document, Map<String, Object> variables,
				Consumer<Throwable> failed) {
			String url = PlanExecutor.this.supergraph.subgraphUrls().get(node.subgraph());
			Object call = new Object() {

				// named only when a deadline reports it
				@Override
				public String toString() {
					return node.subgraph() + " at " + node.path();
				}

			};
			return Mono.defer(() -> {
				this.inFlight.put(call, failed);
				return PlanExecutor.this.client.execute(node.subgraph(), url, document, variables, this.context);
			})
				// not on cancel: a call the deadline cut short is still reported as under
				// way
				.doOnSuccess((answer) -> this.inFlight.remove(call))
				.doOnError((ex) -> this.inFlight.remove(call));
		}

		private Map<String, Object> subset(List<String> names) {
			if (names.isEmpty()) {
				return Map.of();
			}
			Map<String, Object> subset = new LinkedHashMap<>();
			for (String name : names) {
				if (this.variables.containsKey(name)) {
					subset.put(name, this.variables.get(name));
				}
			}
			return subset;
		}

		/**
		 * A subgraph's error as the client sees it: its message, the path in the client's
		 * response, and its extensions but {@code classification}, with a code (else
		 * {@code DOWNSTREAM_SERVICE_ERROR}) and the service. Redacted, the message and
		 * the other extensions are left out.
		 */
		private GraphQlError subgraphError(FetchNode node, Map<String, Object> error, Object path) {
			String message = this.context.redactSubgraphErrors() ? "Subgraph error redacted"
					: String.valueOf(error.get("message"));
			Map<String, Object> extensions = new LinkedHashMap<>();
			if (error.get("extensions") instanceof Map<?, ?> original && !this.context.redactSubgraphErrors()) {
				castMap(original).forEach((k, v) -> {
					if (!k.equals("classification")) {
						extensions.put(k, v);
					}
				});
			}
			if (error.get("extensions") instanceof Map<?, ?> original && original.get("code") != null) {
				extensions.put("code", original.get("code"));
			}
			extensions.putIfAbsent("code", "DOWNSTREAM_SERVICE_ERROR");
			extensions.put("service", node.subgraph());
			List<?> at = path instanceof List<?> list && !list.isEmpty() ? list.stream()
				.map((p) -> p instanceof String key ? node.responseKeyRenames().getOrDefault(key, key) : p)
				.toList() : null;
			return new GraphQlError(message, List.of(), null, extensions).withPath(at);
		}

		private GraphQlError failure(FetchNode node, List<Object> path, Throwable ex) {
			boolean timeout = ex instanceof TimeoutException || ex.getCause() instanceof TimeoutException;
			String detail = this.context.redactSubgraphErrors() ? "" : ": " + ex.getMessage();
			return GraphQlError
				.of("Service " + node.subgraph() + (timeout ? " timed out" : " is unavailable") + detail,
						"SERVICE_UNAVAILABLE")
				.withPath(path)
				.withExtension("service", node.subgraph())
				.withExtension("retryable", true);
		}

	}

	/** An object in the response and its path, for entity fetches and error paths. */
	private record Target(Map<String, Object> object, List<Object> path) {
	}

	private static void collect(Object value, List<String> path, int depth, List<Object> at, List<Target> out) {
		if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				List<Object> next = new ArrayList<>(at);
				next.add(i);
				collect(list.get(i), path, depth, next, out);
			}
			return;
		}
		if (!(value instanceof Map<?, ?> map)) {
			return;
		}
		if (depth == path.size()) {
			out.add(new Target(castMap(map), at));
			return;
		}
		String key = path.get(depth);
		List<Object> next = new ArrayList<>(at);
		next.add(key);
		collect(map.get(key), path, depth + 1, next, out);
	}

	/**
	 * {@code value} with the fields under the fetch's own aliases moved to the response
	 * keys they stand for.
	 */
	@SuppressWarnings("unchecked")
	private static Object renamed(Object value, Map<String, String> renames) {
		if (renames.isEmpty()) {
			return value;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> object = new LinkedHashMap<>();
			((Map<String, Object>) map)
				.forEach((key, v) -> object.put(renames.getOrDefault(key, key), renamed(v, renames)));
			return object;
		}
		if (value instanceof List<?> list) {
			List<Object> out = new ArrayList<>(list.size());
			list.forEach((v) -> out.add(renamed(v, renames)));
			return out;
		}
		return value;
	}

	/**
	 * The representation of an object: the fields of {@code selection}, read by response
	 * key and written by name, with the fragments whose type condition the object's type
	 * meets; null when the parent fetch did not deliver a field.
	 */
	private Map<String, Object> represent(SelectionSet selection, Map<String, Object> object) {
		Map<String, Object> representation = new LinkedHashMap<>();
		return represent(selection, object, representation) ? representation : null;
	}

	private boolean represent(SelectionSet selection, Map<String, Object> object, Map<String, Object> out) {
		for (Selection<?> s : selection.getSelections()) {
			if (s instanceof InlineFragment fragment) {
				String condition = fragment.getTypeCondition() == null ? null : fragment.getTypeCondition().getName();
				if ((condition == null || (object.get("__typename") instanceof String type
						&& this.supergraph.matches(type, condition)))
						&& !represent(fragment.getSelectionSet(), object, out)) {
					return false;
				}
				continue;
			}
			if (!(s instanceof Field field)) {
				continue;
			}
			// a required field with arguments is read from its alias in the parent
			String key = responseKey(field);
			Object value = object.get(key);
			if (value == null && !object.containsKey(key)) {
				return false;
			}
			out.put(field.getName(), field.getSelectionSet() == null ? value : project(field.getSelectionSet(), value));
		}
		return true;
	}

	private Object project(SelectionSet selection, Object value) {
		if (value instanceof List<?> list) {
			return list.stream().map((v) -> project(selection, v)).toList();
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> projected = represent(selection, castMap(map));
			return projected == null ? castMap(map) : projected;
		}
		return value;
	}

	private static List<Object> entityErrorPath(Object path, String alias, List<List<Target>> targets) {
		if (!(path instanceof List<?> list) || list.size() < 2 || !alias.equals(list.get(0))
				|| !(list.get(1) instanceof Number index) || index.intValue() >= targets.size()) {
			return List.of();
		}
		List<Object> mapped = new ArrayList<>(targets.get(index.intValue()).get(0).path());
		mapped.addAll(list.subList(2, list.size()));
		return mapped;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> castMap(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> errorsOf(Map<String, Object> response) {
		Object errors = response.get("errors");
		if (!(errors instanceof List<?> list)) {
			return List.of();
		}
		return list.stream().filter((e) -> e instanceof Map).map((e) -> (Map<String, Object>) e).toList();
	}

	/**
	 * Deep-merges {@code source} into {@code target}: objects field by field, lists item
	 * by item.
	 */
	@SuppressWarnings("unchecked")
	static void merge(Map<String, Object> target, Map<String, Object> source) {
		source.forEach((key, value) -> {
			Object existing = target.get(key);
			if (existing instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
				merge((Map<String, Object>) a, (Map<String, Object>) b);
			}
			else if (existing instanceof List<?> a && value instanceof List<?> b && a.size() == b.size()) {
				List<Object> left = (List<Object>) a;
				for (int i = 0; i < b.size(); i++) {
					if (left.get(i) instanceof Map<?, ?> x && b.get(i) instanceof Map<?, ?> y) {
						merge((Map<String, Object>) x, (Map<String, Object>) y);
					}
					else {
						left.set(i, b.get(i));
					}
				}
			}
			else {
				target.put(key, mutable(value));
			}
		});
	}

	/**
	 * Later merges write into what this one inserts, so it must be mutable. JSON decoders
	 * hand out {@code LinkedHashMap}s and {@code ArrayList}s, which are taken over as
	 * they are (a walk, no copy); anything else (an immutable map from an in-process
	 * client) is copied.
	 */
	@SuppressWarnings("unchecked")
	private static Object mutable(Object value) {
		if (value instanceof Map<?, ?> map) {
			if (map instanceof java.util.HashMap<?, ?>) { // LinkedHashMap included
				((Map<String, Object>) map).replaceAll((k, v) -> mutable(v));
				return map;
			}
			return copy(map);
		}
		if (value instanceof List<?> list) {
			if (list instanceof ArrayList<?>) {
				((List<Object>) list).replaceAll(PlanExecutor::mutable);
				return list;
			}
			return copy(list);
		}
		return value;
	}

	/** A deep copy of a JSON tree, with maps and lists that can be written to. */
	@SuppressWarnings("unchecked")
	static Object copy(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			((Map<String, Object>) map).forEach((k, v) -> copy.put(k, copy(v)));
			return copy;
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>(list.size());
			list.forEach((v) -> copy.add(copy(v)));
			return copy;
		}
		return value;
	}

	static String responseKey(Field field) {
		return field.getAlias() != null ? field.getAlias() : field.getName();
	}

}
