package dev.skillpath.router.planning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.skillpath.router.supergraph.FieldInfo;
import dev.skillpath.router.supergraph.FieldSource;
import dev.skillpath.router.supergraph.Supergraph;
import dev.skillpath.router.supergraph.TypeInfo;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;

/**
 * Plans an operation over a {@link Supergraph}. The strategy is greedy and predictable:
 * stay in the subgraph that fetched the parent object for every field it can resolve
 * (fewest requests), and collect the fields it cannot resolve at one path into one entity
 * fetch per subgraph, adding the key and {@code @requires} fields to the parent's
 * selection so that the representations can be built. A field the parent's subgraph lacks
 * goes to the resolving subgraph reachable in the fewest entity fetches (through keys
 * that subgraphs on the way can provide). A selection on an interface or union that the
 * subgraph cannot answer for the abstract type as a whole is split into one fragment per
 * member type that subgraph declares. A shared root field goes to the subgraph whose plan
 * takes the fewest requests; a shared field whose selection no one subgraph can answer (a
 * type without a key below it) is split, each part sent with the field to a subgraph that
 * can (trials, bounded, decide where). A field with {@code @requires} is always fetched
 * through its subgraph's {@code _entities}, where the representation carries the required
 * fields. The number of fetches depends only on the document, never on the data: a list
 * of 200 jobs costs the same requests as a list of 20.
 */
public final class QueryPlanner {

	static final String TYPENAME = "__typename";

	private final Supergraph supergraph;

	public QueryPlanner(Supergraph supergraph) {
		this.supergraph = supergraph;
	}

	public QueryPlan plan(Document document, String operationName) {
		OperationDefinition operation = selectOperation(document, operationName);
		Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
		document.getDefinitionsOfType(FragmentDefinition.class).forEach((f) -> fragments.put(f.getName(), f));
		OperationDefinition inlined = operation
			.transform((b) -> b.selectionSet(inline(operation.getSelectionSet(), fragments, new LinkedHashSet<>())));
		Map<String, VariableDefinition> variables = new LinkedHashMap<>();
		inlined.getVariableDefinitions().forEach((v) -> variables.put(v.getName(), v));

		boolean mutation = inlined.getOperation() == OperationDefinition.Operation.MUTATION;
		if (inlined.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
			throw PlanningException.ofOperation("Subscriptions are not supported by this gateway");
		}
		String rootName = mutation ? this.supergraph.mutationType() : this.supergraph.queryType();
		TypeInfo root = rootName == null ? null : this.supergraph.type(rootName);
		if (root == null) {
			throw new PlanningException("This graph has no " + (mutation ? "mutation" : "query") + " type");
		}
		Planning planning = new Planning(new AtomicInteger(), variables);
		List<Field> rootFields = new ArrayList<>();
		boolean introspection = false;
		for (Field field : flattenRoot(inlined.getSelectionSet())) {
			if (field.getName().equals("__schema") || field.getName().equals("__type")) {
				introspection = true;
			}
			else if (!field.getName().equals(TYPENAME)) {
				rootFields.add(field);
			}
		}
		List<FetchNode> roots = new ArrayList<>();
		if (mutation) {
			// mutations run in document order: consecutive fields of one subgraph share a
			// request
			FetchNode current = null;
			List<Selection> group = new ArrayList<>();
			for (Field field : rootFields) {
				String subgraph = rootSubgraph(root, field, current == null ? null : current.subgraph());
				if (current == null || !current.subgraph().equals(subgraph)) {
					if (current != null) {
						finishRoot(planning, current, root, group, inlined);
					}
					current = new FetchNode(planning.nextId(), subgraph, List.of(), null, null);
					roots.add(current);
					group = new ArrayList<>();
				}
				group.add(field);
			}
			if (current != null) {
				finishRoot(planning, current, root, group, inlined);
			}
		}
		else {
			Map<String, List<Selection>> bySubgraph = new LinkedHashMap<>();
			for (Field field : rootFields) {
				String preferred = bySubgraph.keySet()
					.stream()
					.filter((s) -> root.resolvable(field.getName(), s))
					.findFirst()
					.orElse(null);
				placeRootField(planning, root, field, preferred)
					.forEach((part, in) -> bySubgraph.computeIfAbsent(in, (s) -> new ArrayList<>()).add(part));
			}
			bySubgraph.forEach((subgraph, fields) -> {
				FetchNode node = new FetchNode(planning.nextId(), subgraph, List.of(), null, null);
				roots.add(node);
				finishRoot(planning, node, root, fields, inlined);
			});
		}
		roots.forEach(planning::finishChildren);
		return new QueryPlan(inlined, roots, mutation, variables, introspection);
	}

	private void finishRoot(Planning planning, FetchNode node, TypeInfo root, List<Selection> fields,
			OperationDefinition operation) {
		Map<String, VariableDefinition> variables = planning.variables;
		SelectionSet selection = ResponseKeyConflicts.resolve(this.supergraph, node.subgraph(), root.name(),
				planning.select(node, node.subgraph(), root, fields, List.of(), null), node);
		node.selection(selection);
		List<String> used = usedVariables(selection);
		node.variables(used);
		OperationDefinition subgraphOperation = OperationDefinition.newOperationDefinition()
			.operation(operation.getOperation())
			.name(operation.getName())
			.variableDefinitions(used.stream().map(variables::get).toList())
			.selectionSet(selection)
			.build();
		node.document(AstPrinter.printAstCompact(subgraphOperation));
	}

	/**
	 * Where a query's root field goes: of the subgraphs that resolve it and can answer
	 * its whole selection, the one whose plan takes the fewest requests (a root fetch
	 * already planned counts as none), then leaves the fewest fields to entity fetches;
	 * failing all, its selection split across them (a shared root field whose type has no
	 * key to fetch the rest by).
	 * @return the field, or its parts, each with its subgraph
	 */
	private Map<Field, String> placeRootField(Planning planning, TypeInfo root, Field field, String preferred) {
		String subgraph = rootSubgraph(root, field, preferred);
		List<String> resolvers = root.resolvers(field.getName());
		if (field.getSelectionSet() == null || resolvers.size() < 2) {
			return Map.of(field, subgraph);
		}
		// the subgraph whose plan takes the fewest requests, then the one that leaves
		// the fewest fields to entity fetches; on a tie, the preferred one
		List<String> candidates = new ArrayList<>(List.of(subgraph));
		resolvers.stream().filter((r) -> !r.equals(subgraph)).forEach(candidates::add);
		String cheapest = null;
		int fewest = Integer.MAX_VALUE;
		int fewestFetchedAfter = Integer.MAX_VALUE;
		PlanningException failure = null;
		for (String candidate : candidates) {
			FetchNode trial = new FetchNode(0, candidate, List.of(), null, null);
			try {
				planning.select(trial, candidate, root, List.of(field), List.of(), null);
			}
			catch (PlanningException ex) {
				failure = failure == null ? ex : failure;
				continue;
			}
			int requests = trial.size() - (candidate.equals(preferred) ? 1 : 0);
			int fetchedAfter = trial.children().stream().mapToInt(QueryPlanner::fieldsFetched).sum();
			if (requests < fewest || (requests == fewest && fetchedAfter < fewestFetchedAfter)) {
				cheapest = candidate;
				fewest = requests;
				fewestFetchedAfter = fetchedAfter;
			}
		}
		if (cheapest != null) {
			return Map.of(field, cheapest);
		}
		List<String> others = candidates.subList(1, candidates.size());
		Map<Field, String> parts = planning.splitAcross(root, field, subgraph, others, List.of(), null);
		if (parts == null) {
			throw failure;
		}
		return parts;
	}

	/** The fields that {@code fetch} and the fetches after it select. */
	private static int fieldsFetched(FetchNode fetch) {
		return fieldCount(fetch.selection()) + fetch.children().stream().mapToInt(QueryPlanner::fieldsFetched).sum();
	}

	private static int fieldCount(SelectionSet selection) {
		if (selection == null) {
			return 0;
		}
		int count = 0;
		for (Selection<?> each : selection.getSelections()) {
			if (each instanceof Field field) {
				count += field.getName().equals(TYPENAME) ? 0 : 1 + fieldCount(field.getSelectionSet());
			}
			else if (each instanceof InlineFragment fragment) {
				count += fieldCount(fragment.getSelectionSet());
			}
		}
		return count;
	}

	private String rootSubgraph(TypeInfo root, Field field, String preferred) {
		if (preferred != null && root.resolvable(field.getName(), preferred)) {
			return preferred;
		}
		List<String> resolvers = root.resolvers(field.getName());
		if (resolvers.isEmpty()) {
			throw new PlanningException("No subgraph resolves " + root.name() + "." + field.getName());
		}
		return resolvers.get(0);
	}

	/**
	 * The most fetches one plan may hold: far above any real operation, low enough that a
	 * document cannot make the planner work without bound.
	 */
	static final int MAX_FETCHES = 1000;

	/**
	 * How deep entity fetches may nest while their representations are planned (a key or
	 * required field that needs a fetch of its own): bounds the planner's recursion, so
	 * its stack, far below any supergraph's real chains.
	 */
	static final int MAX_NESTED_ENTITY_FETCHES = 32;

	/**
	 * State of one planning pass: fresh node ids, the operation's variables and the
	 * entity fetches being planned (to stop a cycle of keys).
	 */
	private final class Planning {

		private final AtomicInteger ids;

		private final Map<String, VariableDefinition> variables;

		/**
		 * Entity fetches whose representation is being planned: type, fields, path, from
		 * and to.
		 */
		private final Set<String> entityFetchesInProgress = new LinkedHashSet<>();

		/**
		 * The distances {@link #hops} worked out so far: type and starting subgraph to
		 * the entity fetches to each subgraph reachable from it.
		 */
		private final Map<String, Map<String, Integer>> hopCounts = new java.util.HashMap<>();

		/**
		 * The alias of each required field with arguments, by the field as printed: the
		 * parent's selection may need it with other arguments too, for the client or for
		 * another {@code @requires}.
		 */
		private final Map<String, String> requiredFieldAliases = new java.util.HashMap<>();

		/** The outcome of each {@link #trial} so far: empty when it planned. */
		private final Map<String, Optional<PlanningException>> trials = new java.util.HashMap<>();

		/** The {@link #splitAcross} calls under way, one inside the other. */
		private final Set<String> splitsInProgress = new LinkedHashSet<>();

		Planning(AtomicInteger ids, Map<String, VariableDefinition> variables) {
			this.ids = ids;
			this.variables = variables;
		}

		int nextId() {
			int id = this.ids.incrementAndGet();
			if (id > MAX_FETCHES) {
				throw PlanningException.ofOperation(
						"This operation needs more than " + MAX_FETCHES + " subgraph fetches; split it or select less");
			}
			return id;
		}

		/**
		 * Why {@code field} on {@code type} cannot be planned from {@code subgraph}, or
		 * null if it can: a trial whose fetches are thrown away.
		 */
		PlanningException trial(String subgraph, TypeInfo type, Field field, List<String> path) {
			// once per field and place: trials inside trials would otherwise repeat
			// the same work at every level below
			// (and splits under way, which stop some of them)
			String key = subgraph + " " + type.name() + " " + path + " " + AstPrinter.printAstCompact(field) + " "
					+ this.splitsInProgress.hashCode();
			Optional<PlanningException> known = this.trials.get(key);
			if (known != null) {
				return known.orElse(null);
			}
			PlanningException failure = null;
			try {
				select(new FetchNode(0, subgraph, path, null, null), subgraph, type, List.of(field), path, null);
			}
			catch (PlanningException ex) {
				failure = ex;
			}
			this.trials.put(key, Optional.ofNullable(failure));
			return failure;
		}

		/**
		 * {@code field} as parts with its alias and arguments, each with the selections
		 * that one subgraph can plan: {@code here} if it can resolve them itself, else
		 * the first of {@code others}. Their answers merge into one object.
		 * @return each part and the subgraph it goes to; null if some selection can be
		 * planned nowhere
		 */
		Map<Field, String> splitAcross(TypeInfo type, Field field, String here, List<String> others, List<String> path,
				SelectionSet providedBelow) {
			// the same split inside its own trial would go round in a circle
			String split = here + " " + type.name() + " " + path + " " + AstPrinter.printAstCompact(field);
			if (this.splitsInProgress.size() >= MAX_NESTED_ENTITY_FETCHES || !this.splitsInProgress.add(split)) {
				return null;
			}
			try {
				FieldInfo info = type.fields().get(field.getName());
				Map<String, List<Selection>> parts = new LinkedHashMap<>();
				for (Selection<?> selection : field.getSelectionSet().getSelections()) {
					Field part = withSelections(field, List.of(selection));
					String in = resolvesHere(here, type, part, info, path, providedBelow) ? here
							: others.stream()
								.filter((s) -> trial(s, type, part, path) == null)
								.findFirst()
								.orElse(null);
					if (in == null) {
						return null;
					}
					parts.computeIfAbsent(in, (s) -> new ArrayList<>()).add(selection);
				}
				Map<Field, String> out = new LinkedHashMap<>();
				parts.forEach((in, part) -> out.put(withSelections(field, part), in));
				return out;
			}
			finally {
				this.splitsInProgress.remove(split);
			}
		}

		/** Whether {@code subgraph} itself resolves {@code field}: a trial. */
		private boolean resolvesHere(String subgraph, TypeInfo type, Field field, FieldInfo info, List<String> path,
				SelectionSet providedBelow) {
			try {
				resolveHere(new FetchNode(0, subgraph, path, null, null), subgraph, type, field, info, path,
						providedBelow);
				return true;
			}
			catch (PlanningException ex) {
				return false;
			}
		}

		/**
		 * The selection {@code subgraph} sends for {@code selections} on {@code type} at
		 * {@code path}; fields it cannot resolve become entity fetches under
		 * {@code node}.
		 */
		SelectionSet select(FetchNode node, String subgraph, TypeInfo type, List<Selection> selections,
				List<String> path, SelectionSet provided) {
			if (type.isAbstract() && !type.interfaceObjectIn().contains(subgraph)
					&& needsTypeExplosion(type, subgraph, selections)) {
				return selectPerPossibleType(node, subgraph, type, selections, path, provided);
			}
			List<Selection> out = new ArrayList<>();
			Map<String, List<Selection>> elsewhere = new LinkedHashMap<>();
			// an @interfaceObject subgraph does not know the concrete types: the owner of
			// the interface
			// answers __typename and fragments on implementations
			String owner = type.interfaceObjectIn().contains(subgraph) ? interfaceOwner(type) : null;
			for (Selection<?> selection : selections) {
				if (selection instanceof Field field) {
					String name = field.getName();
					if (name.equals(TYPENAME)) {
						if (owner != null) {
							elsewhere.computeIfAbsent(owner, (t) -> new ArrayList<>()).add(field);
						}
						out.add(field);
						continue;
					}
					FieldInfo info = type.fields().get(name);
					if (info == null) {
						throw PlanningException.ofOperation("Type " + type.name() + " has no field " + name);
					}
					SelectionSet providedBelow = providedChild(provided, name);
					if (requiresRepresentation(node, subgraph, type, info, path)) {
						// its required fields reach it only in a representation
						elsewhere.computeIfAbsent(subgraph, (t) -> new ArrayList<>()).add(field);
					}
					else if (type.resolvable(name, subgraph) || providedBelow != null || isProvided(provided, name)) {
						List<String> others = field.getSelectionSet() == null ? List.of()
								: reachableResolvers(type, name, subgraph);
						if (others.isEmpty()) {
							out.add(resolveHere(node, subgraph, type, field, info, path, providedBelow));
							continue;
						}
						int before = node.children().size();
						try {
							out.add(resolveHere(node, subgraph, type, field, info, path, providedBelow));
						}
						catch (PlanningException ex) {
							// what cannot be had here (a type without a key below)
							// comes with this object from another subgraph
							node.children().subList(before, node.children().size()).clear();
							Map<Field, String> parts = splitAcross(type, field, subgraph, others, path, providedBelow);
							if (parts == null) {
								throw ex;
							}
							parts.forEach((part, in) -> {
								if (in.equals(subgraph)) {
									out.add(resolveHere(node, subgraph, type, part, info, path, providedBelow));
								}
								else {
									elsewhere.computeIfAbsent(in, (t) -> new ArrayList<>()).add(part);
								}
							});
						}
					}
					else {
						String target = entitySubgraph(type, name, subgraph);
						List<String> others = field.getSelectionSet() == null ? List.of()
								: reachableResolvers(type, name, subgraph).stream()
									.filter((r) -> !r.equals(target))
									.toList();
						PlanningException failure = others.isEmpty() ? null : trial(target, type, field, path);
						Map<Field, String> parts = failure == null ? null
								: splitAcross(type, field, target, others, path, null);
						if (failure != null && parts == null) {
							throw failure;
						}
						if (parts == null) {
							elsewhere.computeIfAbsent(target, (t) -> new ArrayList<>()).add(field);
						}
						else {
							// no one subgraph it can be fetched from answers it all
							parts.forEach(
									(part, in) -> elsewhere.computeIfAbsent(in, (t) -> new ArrayList<>()).add(part));
						}
					}
				}
				else if (selection instanceof InlineFragment fragment) {
					String condition = fragment.getTypeCondition() == null ? type.name()
							: fragment.getTypeCondition().getName();
					TypeInfo conditionType = QueryPlanner.this.supergraph.type(condition);
					if (owner != null && conditionType != null && !condition.equals(type.name())) {
						elsewhere.computeIfAbsent(owner, (t) -> new ArrayList<>()).add(fragment);
						continue;
					}
					if (conditionType == null || !knows(conditionType, subgraph)) {
						continue; // this subgraph never returns objects of that type
					}
					if (!type.isAbstract() && !conditionType.isAbstract() && !condition.equals(type.name())) {
						continue; // an object is never of another object type
					}
					List<Selection> inner = new ArrayList<>(fragment.getSelectionSet().getSelections());
					if (!type.isAbstract() && conditionType.isAbstract()) {
						// an interface or union fragment on an object: its fields are the
						// object's, and the subgraph may not know the object as a member
						if (!QueryPlanner.this.supergraph.matches(type.name(), condition)) {
							continue;
						}
						SelectionSet sub = select(node, subgraph, type, inner, path, provided);
						out.add(InlineFragment.newInlineFragment()
							.directives(fragment.getDirectives())
							.selectionSet(sub)
							.build());
						continue;
					}
					SelectionSet sub = select(node, subgraph, conditionType, inner, path,
							conditionType.isAbstract() ? provided : providedOn(provided, condition));
					out.add(fragment.transform((b) -> b.selectionSet(withTypename(sub))));
				}
			}
			elsewhere.forEach(
					(target, fields) -> out.addAll(entityFetch(node, subgraph, type, target, fields, path, provided)));
			return SelectionSet.newSelectionSet().selections(withoutRepeatedLeaves(out)).build();
		}

		/**
		 * Whether {@code subgraph} cannot answer {@code selections} on the abstract
		 * {@code type} as they are: a field it does not resolve for the interface itself
		 * or for one of its members (so each member goes its own way), or a fragment on a
		 * type it does not know as a member (invalid in its schema).
		 */
		private boolean needsTypeExplosion(TypeInfo type, String subgraph, List<Selection> selections) {
			Set<String> members = type.possibleTypesIn(subgraph);
			for (Selection<?> selection : selections) {
				if (selection instanceof Field field) {
					String name = field.getName();
					if (name.startsWith("__")) {
						continue;
					}
					if (!type.resolvable(name, subgraph)) {
						if (reachableThroughOwnKey(type, name, subgraph)) {
							continue;
						}
						return true;
					}
					for (String member : members) {
						TypeInfo object = QueryPlanner.this.supergraph.type(member);
						FieldInfo info = object == null ? null : object.fields().get(name);
						if (info == null) {
							continue;
						}
						FieldSource source = info.sources().get(subgraph);
						if (!object.resolvable(name, subgraph) || (source != null && source.requires() != null)) {
							return true;
						}
					}
				}
				else if (selection instanceof InlineFragment fragment) {
					String condition = fragment.getTypeCondition() == null ? type.name()
							: fragment.getTypeCondition().getName();
					if (condition.equals(type.name())) {
						if (needsTypeExplosion(type, subgraph, fragment.getSelectionSet().getSelections())) {
							return true;
						}
					}
					else if (!members.contains(condition)) {
						return true;
					}
				}
			}
			return false;
		}

		/**
		 * Whether an entity interface's field can be fetched with the interface's own key
		 * (from an {@code @interfaceObject} subgraph): one fetch for every member.
		 */
		private boolean reachableThroughOwnKey(TypeInfo type, String field, String subgraph) {
			return type.resolvers(field).stream().anyMatch((target) -> hasKeyFrom(type, type, target, subgraph));
		}

		/**
		 * {@code selections} on an abstract type, as one fragment per object type
		 * {@code subgraph} may return: each member then fetches what it lacks through its
		 * own keys.
		 */
		private SelectionSet selectPerPossibleType(FetchNode node, String subgraph, TypeInfo type,
				List<Selection> selections, List<String> path, SelectionSet provided) {
			List<Selection> out = new ArrayList<>();
			out.add(Field.newField(TYPENAME).build());
			for (String member : type.possibleTypesIn(subgraph)) {
				TypeInfo object = QueryPlanner.this.supergraph.type(member);
				if (object == null) {
					continue;
				}
				List<Selection> forMember = selectionsFor(selections, member);
				if (forMember.isEmpty()) {
					continue;
				}
				SelectionSet sub = select(node, subgraph, object, forMember, path, providedOn(provided, member));
				out.add(InlineFragment.newInlineFragment()
					.typeCondition(new graphql.language.TypeName(member))
					.selectionSet(withTypename(sub))
					.build());
			}
			if (type.possibleTypesIn(subgraph).isEmpty()) {
				// no member to fetch the fields through: the subgraph can only answer
				// __typename, which names no type a client may see
				selections.stream()
					.filter((s) -> s instanceof Field f && !f.getName().startsWith("__"))
					.findFirst()
					.ifPresent((s) -> {
						throw new PlanningException("Field " + type.name() + "." + ((Field) s).getName()
								+ " cannot be reached from subgraph " + subgraph + ": it declares no member of "
								+ type.name() + " and the interface has no resolvable key there");
					});
			}
			return SelectionSet.newSelectionSet().selections(out).build();
		}

		/**
		 * The selections that apply to objects of {@code member}: fragments on other
		 * types dropped, the others flattened (kept, without their condition, when their
		 * directives must stay).
		 */
		private List<Selection> selectionsFor(List<Selection> selections, String member) {
			List<Selection> out = new ArrayList<>();
			for (Selection<?> selection : selections) {
				if (selection instanceof InlineFragment fragment) {
					String condition = fragment.getTypeCondition() == null ? null
							: fragment.getTypeCondition().getName();
					if (!QueryPlanner.this.supergraph.matches(member, condition)) {
						continue;
					}
					List<Selection> inner = selectionsFor(fragment.getSelectionSet().getSelections(), member);
					if (fragment.getDirectives().isEmpty()) {
						out.addAll(inner);
					}
					else if (!inner.isEmpty()) {
						out.add(InlineFragment.newInlineFragment()
							.directives(fragment.getDirectives())
							.selectionSet(SelectionSet.newSelectionSet().selections(inner).build())
							.build());
					}
				}
				else {
					out.add(selection);
				}
			}
			return out;
		}

		/**
		 * Whether {@code field}, which {@code subgraph} resolves with {@code @requires},
		 * needs an entity fetch of its own there: unless this fetch is the one for the
		 * objects at {@code path}, the required fields are not in its representation.
		 */
		private boolean requiresRepresentation(FetchNode node, String subgraph, TypeInfo type, FieldInfo field,
				List<String> path) {
			FieldSource source = field.sources().get(subgraph);
			if (source == null || source.requires() == null || !type.resolvable(field.name(), subgraph)) {
				return false;
			}
			return !(node.isEntityFetch() && node.subgraph().equals(subgraph) && node.path().equals(path));
		}

		/**
		 * What {@code provided}, a {@code @provides} on an abstract type, provides for
		 * objects of {@code member}: the fields it provides for the interface, and those
		 * of its fragments on types the member has.
		 */
		private SelectionSet providedOn(SelectionSet provided, String member) {
			if (provided == null) {
				return null;
			}
			List<Selection> out = new ArrayList<>();
			for (Selection<?> selection : provided.getSelections()) {
				if (selection instanceof Field) {
					out.add(selection);
				}
				else if (selection instanceof InlineFragment fragment && QueryPlanner.this.supergraph.matches(member,
						fragment.getTypeCondition() == null ? null : fragment.getTypeCondition().getName())) {
					out.addAll(fragment.getSelectionSet().getSelections());
				}
			}
			return out.isEmpty() ? null : SelectionSet.newSelectionSet().selections(out).build();
		}

		private Field resolveHere(FetchNode node, String subgraph, TypeInfo type, Field field, FieldInfo info,
				List<String> path, SelectionSet providedBelow) {
			if (field.getSelectionSet() == null) {
				return field;
			}
			FieldSource source = info.sources().get(subgraph);
			// the subgraph's own type of the field, where it is narrower than the
			// supergraph's (Book in one subgraph, a union of Book in another)
			TypeInfo child = QueryPlanner.this.supergraph
				.type(source != null && source.type() != null ? namedType(source.type()) : info.namedType());
			List<String> childPath = append(path, responseKey(field));
			SelectionSet provides = source != null && source.provides() != null ? source.provides() : providedBelow;
			SelectionSet sub = select(node, subgraph, child, field.getSelectionSet().getSelections(), childPath,
					provides);
			return field.transform((b) -> b.selectionSet(withTypename(sub)));
		}

		/**
		 * Adds the representation fields to the parent's selection and plans the entity
		 * fetch.
		 */
		private List<Selection> entityFetch(FetchNode parent, String subgraph, TypeInfo type, String target,
				List<Selection> fields, List<String> path, SelectionSet provided) {
			List<List<Selection>> groups = new ArrayList<>();
			List<List<Selection>> groupRequires = new ArrayList<>();
			for (Selection<?> selection : fields) {
				List<Selection> requires = requiredBy(type, target, selection);
				int at = 0;
				while (at < groups.size() && conflict(groupRequires.get(at), requires)) {
					at++;
				}
				if (at == groups.size()) {
					groups.add(new ArrayList<>());
					groupRequires.add(new ArrayList<>());
				}
				groups.get(at).add(selection);
				groupRequires.get(at).addAll(requires);
			}
			List<Selection> inParent = new ArrayList<>();
			for (List<Selection> group : groups) {
				inParent.addAll(entityFetchOf(parent, subgraph, type, target, group, path, provided));
			}
			return inParent;
		}

		/**
		 * The fields {@code target} requires to resolve {@code selection}, those with
		 * arguments under their alias in the parent.
		 */
		private List<Selection> requiredBy(TypeInfo type, String target, Selection<?> selection) {
			if (selection instanceof Field field && !field.getName().startsWith("__")) {
				FieldSource source = type.fields().get(field.getName()).sources().get(target);
				if (source != null && source.requires() != null) {
					return aliasArguments(source.requires().getSelections());
				}
			}
			return List.of();
		}

		/**
		 * {@code selections} with every field that takes arguments under an alias: the
		 * parent's selection may hold the same field with other arguments, and the
		 * representation reads it from there under that alias.
		 */
		private List<Selection> aliasArguments(List<Selection> selections) {
			List<Selection> out = new ArrayList<>();
			for (Selection<?> selection : selections) {
				if (selection instanceof Field field) {
					SelectionSet below = field.getSelectionSet() == null ? null
							: SelectionSet.newSelectionSet()
								.selections(aliasArguments(field.getSelectionSet().getSelections()))
								.build();
					String alias = field.getArguments().isEmpty() ? null
							: this.requiredFieldAliases.computeIfAbsent(
									AstPrinter.printAstCompact(field.transform((b) -> b.selectionSet(null))),
									(k) -> field.getName() + "__required_" + this.requiredFieldAliases.size());
					out.add(field.transform((b) -> b.alias(alias).selectionSet(below)));
				}
				else if (selection instanceof InlineFragment fragment) {
					out.add(fragment.transform((b) -> b.selectionSet(SelectionSet.newSelectionSet()
						.selections(aliasArguments(fragment.getSelectionSet().getSelections()))
						.build())));
				}
				else {
					out.add(selection);
				}
			}
			return out;
		}

		/**
		 * Whether two representations would hold one field with different arguments: they
		 * need fetches of their own.
		 */
		private static boolean conflict(List<Selection> a, List<Selection> b) {
			for (Selection<?> x : a) {
				for (Selection<?> y : b) {
					if (x instanceof InlineFragment fx) {
						if (conflict(fx.getSelectionSet().getSelections(), List.of(y))) {
							return true;
						}
					}
					else if (y instanceof InlineFragment fy) {
						if (conflict(List.of(x), fy.getSelectionSet().getSelections())) {
							return true;
						}
					}
					else if (x instanceof Field fx && y instanceof Field fy && fx.getName().equals(fy.getName())) {
						if (!responseKey(fx).equals(responseKey(fy))) {
							return true;
						}
						if (fx.getSelectionSet() != null && fy.getSelectionSet() != null && conflict(
								fx.getSelectionSet().getSelections(), fy.getSelectionSet().getSelections())) {
							return true;
						}
					}
				}
			}
			return false;
		}

		private List<Selection> entityFetchOf(FetchNode parent, String subgraph, TypeInfo type, String target,
				List<Selection> fields, List<String> path, SelectionSet provided) {
			TypeInfo entity = entityTypeIn(type, target);
			TypeInfo.Key key = entity.keysIn(target)
				.stream()
				.filter(TypeInfo.Key::resolvable)
				.filter((k) -> canSelect(type, k.selection(), subgraph) || providesAll(provided, k.selection()))
				.findFirst()
				.or(() -> entity.keysIn(target)
					.stream()
					.filter(TypeInfo.Key::resolvable)
					.filter((k) -> canReach(type, k.selection(), subgraph))
					.findFirst())
				.orElseThrow(() -> new PlanningException("Cannot fetch " + type.name() + " fields " + names(fields)
						+ " from subgraph " + target + ": no key of " + type.name() + " in " + target
						+ " that subgraph " + subgraph + " can provide"));
			List<Selection> representation = new ArrayList<>();
			representation.add(Field.newField(TYPENAME).build());
			representation.addAll(key.selection().getSelections());
			for (Selection<?> selection : fields) {
				representation.addAll(requiredBy(type, target, selection));
			}
			SelectionSet representationSet = SelectionSet.newSelectionSet()
				.selections(withoutRepeatedLeaves(representation))
				.build();
			// the representation's fields may need entity fetches of their own;
			// a chain of @requires may go to the same subgraph again for other
			// fields, but the same fields at the same path again is a cycle
			String hop = type.name() + " " + fields.stream().map(AstPrinter::printAstCompact).toList() + " at "
					+ String.join(".", path) + " from " + subgraph + " to " + target;
			if (this.entityFetchesInProgress.size() >= MAX_NESTED_ENTITY_FETCHES) {
				throw new PlanningException("Cannot fetch " + type.name() + " fields " + names(fields)
						+ " from subgraph " + target + ": the key and required fields nest more than "
						+ MAX_NESTED_ENTITY_FETCHES + " entity fetches deep");
			}
			if (!this.entityFetchesInProgress.add(hop)) {
				throw new PlanningException("Cannot fetch " + type.name() + " fields " + names(fields)
						+ " from subgraph " + target + ": the key fields it needs lead back to the same fetch ("
						+ String.join(", then ", this.entityFetchesInProgress) + ")");
			}
			try {
				return planEntityFetch(parent, subgraph, entity, target, fields, path, type, representation,
						representationSet, provided);
			}
			finally {
				this.entityFetchesInProgress.remove(hop);
			}
		}

		private List<Selection> planEntityFetch(FetchNode parent, String subgraph, TypeInfo entity, String target,
				List<Selection> fields, List<String> path, TypeInfo type, List<Selection> representation,
				SelectionSet representationSet, SelectionSet provided) {
			// the representation fields come from the parent's subgraph (or, for required
			// fields it cannot
			// resolve, from sibling entity fetches that this fetch then waits for)
			int before = parent.children().size();
			// __typename is added as it is: the parent's own answer says what it knows of
			// the type
			// (for an @interfaceObject, the interface), which is what its representation
			// needs
			List<Selection> inParent = new ArrayList<>();
			inParent.add(Field.newField(TYPENAME).build());
			// a subgraph can answer the fields of its own keys, and those a
			// @provides above gives it here
			inParent.addAll(select(parent, subgraph, type, representation.subList(1, representation.size()), path,
					union(ownKeyFields(type, subgraph), provided))
				.getSelections());
			List<FetchNode> providers = new ArrayList<>(parent.children().subList(before, parent.children().size()));
			FetchNode fetch = new FetchNode(nextId(), target, path, entity.name(), representationSet);
			fetch.dependsOn().addAll(providers);
			fetch.selection(select(fetch, target, entity, fields, path, null));
			parent.children().add(fetch);
			return inParent;
		}

		/** Prints each entity fetch as the {@code _entities} operation it sends. */
		void finishChildren(FetchNode node) {
			for (FetchNode child : node.children()) {
				child.selection(ResponseKeyConflicts.resolve(QueryPlanner.this.supergraph, child.subgraph(),
						child.entityType(), child.selection(), child));
				List<String> used = usedVariables(child.selection());
				child.variables(used);
				List<VariableDefinition> definitions = new ArrayList<>();
				definitions
					.add(VariableDefinition
						.newVariableDefinition("representations",
								new graphql.language.NonNullType(new graphql.language.ListType(
										new graphql.language.NonNullType(new graphql.language.TypeName("_Any")))))
						.build());
				used.forEach((name) -> definitions.add(this.variables.get(name)));
				Field entities = Field.newField("_entities")
					.arguments(List
						.of(new graphql.language.Argument("representations", new VariableReference("representations"))))
					.selectionSet(SelectionSet.newSelectionSet()
						.selection(InlineFragment.newInlineFragment()
							.typeCondition(new graphql.language.TypeName(child.entityType()))
							.selectionSet(child.selection())
							.build())
						.build())
					.build();
				child.document(AstPrinter.printAstCompact(OperationDefinition.newOperationDefinition()
					.operation(OperationDefinition.Operation.QUERY)
					.variableDefinitions(definitions)
					.selectionSet(SelectionSet.newSelectionSet().selection(entities).build())
					.build()));
				finishChildren(child);
			}
		}

		/** The fields of every key {@code subgraph} declares on {@code type}. */
		private SelectionSet ownKeyFields(TypeInfo type, String subgraph) {
			List<Selection> fields = new ArrayList<>();
			type.keysIn(subgraph)
				.forEach((key) -> key.selection()
					.getSelections()
					.stream()
					.filter((s) -> !(s instanceof Field f) || !markedExternal(type, f.getName(), subgraph))
					.forEach(fields::add));
			return fields.isEmpty() ? null : SelectionSet.newSelectionSet().selections(fields).build();
		}

		private boolean canSelect(TypeInfo type, SelectionSet selection, String subgraph) {
			for (Selection<?> s : selection.getSelections()) {
				if (s instanceof Field f && !type.resolvable(f.getName(), subgraph) && (markedExternal(type,
						f.getName(), subgraph)
						|| !type.keysIn(subgraph).stream().anyMatch((k) -> mentions(k.selection(), f.getName())))) {
					return false;
				}
			}
			return true;
		}

		/**
		 * Whether the supergraph says {@code subgraph} only references the field: then it
		 * cannot answer it even as part of its own key (a supergraph that marks a key
		 * field {@code external} there).
		 */
		private boolean markedExternal(TypeInfo type, String field, String subgraph) {
			FieldInfo info = type.fields().get(field);
			FieldSource source = info == null ? null : info.sources().get(subgraph);
			return source != null && source.external();
		}

		/**
		 * The type whose {@code _entities} fetch {@code target} answers for objects of
		 * {@code type}: the type itself, or the interface {@code target} knows it by as
		 * an {@code @interfaceObject}.
		 */
		private TypeInfo entityTypeIn(TypeInfo type, String target) {
			if (!type.keysIn(target).isEmpty()) {
				return type;
			}
			for (String name : type.interfaces()) {
				TypeInfo iface = QueryPlanner.this.supergraph.type(name);
				if (iface != null && iface.interfaceObjectIn().contains(target)) {
					return iface;
				}
			}
			return type;
		}

		/**
		 * The subgraph that defines {@code type} as a real interface, with its
		 * implementations.
		 */
		private String interfaceOwner(TypeInfo type) {
			for (String candidate : type.subgraphs()) {
				if (!type.interfaceObjectIn().contains(candidate)
						&& type.keysIn(candidate).stream().anyMatch(TypeInfo.Key::resolvable)) {
					return candidate;
				}
			}
			throw new PlanningException("No subgraph owns the interface " + type.name()
					+ " with a resolvable key, so the concrete type of its objects cannot be known");
		}

		/**
		 * The other subgraphs that resolve {@code field} and that entity fetches reach
		 * from {@code from}, nearest first.
		 */
		private List<String> reachableResolvers(TypeInfo type, String field, String from) {
			return type.resolvers(field)
				.stream()
				.filter((r) -> !r.equals(from) && hops(type, from, r) > 0)
				.sorted(java.util.Comparator.comparingInt((String r) -> hops(type, from, r)))
				.toList();
		}

		private String entitySubgraph(TypeInfo type, String field, String from) {
			List<String> resolvers = type.resolvers(field);
			String nearest = null;
			int fewest = Integer.MAX_VALUE;
			for (String candidate : resolvers) {
				int hops = hops(type, from, candidate);
				if (hops > 0 && hops < fewest) {
					nearest = candidate;
					fewest = hops;
				}
			}
			if (nearest != null) {
				return nearest;
			}
			for (String candidate : resolvers) {
				if (entityTypeIn(type, candidate).keysIn(candidate).stream().anyMatch(TypeInfo.Key::resolvable)) {
					return candidate;
				}
			}
			throw new PlanningException("Field " + type.name() + "." + field + " cannot be reached from subgraph "
					+ from + (resolvers.isEmpty() ? ": no subgraph resolves it"
							: ": " + type.name() + " has no resolvable key in " + String.join(", ", resolvers)));
		}

		/**
		 * The fewest entity fetches that lead from {@code from} to {@code target} for
		 * objects of {@code type} (each one through a key the subgraphs before it can
		 * provide), 0 for the same subgraph, -1 when none does.
		 */
		private int hops(TypeInfo type, String from, String target) {
			return this.hopCounts.computeIfAbsent(type.name() + " " + from, (k) -> distancesFrom(type, from))
				.getOrDefault(target, -1);
		}

		/** Breadth first over the subgraphs of {@code type}: entity fetches to each. */
		private Map<String, Integer> distancesFrom(TypeInfo type, String from) {
			List<String> candidates = new ArrayList<>(type.subgraphs());
			candidates.addAll(interfaceObjectSubgraphs(type));
			Map<String, Integer> distance = new LinkedHashMap<>();
			distance.put(from, 0);
			List<String> queue = new ArrayList<>(List.of(from));
			for (int i = 0; i < queue.size(); i++) {
				String at = queue.get(i);
				for (String next : candidates) {
					if (!distance.containsKey(next) && hasKeyFrom(type, entityTypeIn(type, next), next, at)) {
						distance.put(next, distance.get(at) + 1);
						queue.add(next);
					}
				}
			}
			return distance;
		}

		/**
		 * Whether {@code entity} has a resolvable key in {@code target} whose fields
		 * {@code from} can provide for objects of {@code type}.
		 */
		private boolean hasKeyFrom(TypeInfo type, TypeInfo entity, String target, String from) {
			return entity.keysIn(target)
				.stream()
				.anyMatch((k) -> k.resolvable() && canSelect(type, k.selection(), from));
		}

		/** Subgraphs that know {@code type} only through an interface object. */
		private List<String> interfaceObjectSubgraphs(TypeInfo type) {
			List<String> out = new ArrayList<>();
			for (String name : type.interfaces()) {
				TypeInfo iface = QueryPlanner.this.supergraph.type(name);
				if (iface != null) {
					out.addAll(iface.interfaceObjectIn());
				}
			}
			return out;
		}

		/**
		 * Whether every field of {@code key} is resolvable in {@code subgraph} or in a
		 * subgraph that entity fetches can reach from it.
		 */
		private boolean canReach(TypeInfo type, SelectionSet key, String subgraph) {
			for (Selection<?> s : key.getSelections()) {
				if (s instanceof Field f
						&& !canSelect(type, SelectionSet.newSelectionSet().selection(f).build(), subgraph)
						&& type.resolvers(f.getName()).stream().noneMatch((r) -> hops(type, subgraph, r) > 0)) {
					return false;
				}
			}
			return true;
		}

		private boolean knows(TypeInfo type, String subgraph) {
			return type.subgraphs().contains(subgraph) || type.interfaceObjectIn().contains(subgraph)
					|| type.subgraphs().isEmpty();
		}

	}

	private static boolean mentions(SelectionSet selection, String field) {
		return selection != null && selection.getSelections()
			.stream()
			.anyMatch((s) -> s instanceof Field f && f.getName().equals(field));
	}

	/** Whether {@code provided} holds every field of {@code key}. */
	private static boolean providesAll(SelectionSet provided, SelectionSet key) {
		return provided != null && key.getSelections()
			.stream()
			.allMatch((s) -> !(s instanceof Field f) || isProvided(provided, f.getName()));
	}

	private static SelectionSet union(SelectionSet a, SelectionSet b) {
		if (a == null || b == null) {
			return a == null ? b : a;
		}
		List<Selection> all = new ArrayList<>(a.getSelections());
		all.addAll(b.getSelections());
		return SelectionSet.newSelectionSet().selections(all).build();
	}

	private static boolean isProvided(SelectionSet provided, String field) {
		return mentions(provided, field);
	}

	private static SelectionSet providedChild(SelectionSet provided, String field) {
		if (provided == null) {
			return null;
		}
		for (Selection<?> s : provided.getSelections()) {
			if (s instanceof Field f && f.getName().equals(field) && f.getSelectionSet() != null) {
				return f.getSelectionSet();
			}
		}
		return null;
	}

	/**
	 * {@code selections} without the second and later copies of a leaf field (key and
	 * required fields that several entity fetches add to one parent).
	 */
	private static List<Selection> withoutRepeatedLeaves(List<Selection> selections) {
		Set<String> leaves = new java.util.HashSet<>();
		List<Selection> out = new ArrayList<>(selections.size());
		for (Selection<?> selection : selections) {
			if (!(selection instanceof Field field) || field.getSelectionSet() != null
					|| leaves.add(AstPrinter.printAstCompact(field))) {
				out.add(selection);
			}
		}
		return out;
	}

	static SelectionSet withTypename(SelectionSet selection) {
		boolean has = selection.getSelections()
			.stream()
			.anyMatch((s) -> s instanceof Field f && f.getName().equals(TYPENAME) && f.getAlias() == null);
		if (has) {
			return selection;
		}
		List<Selection> selections = new ArrayList<>();
		selections.add(Field.newField(TYPENAME).build());
		selections.addAll(selection.getSelections());
		return SelectionSet.newSelectionSet().selections(selections).build();
	}

	private static Field withSelections(Field field, List<Selection> selections) {
		return field.transform((b) -> b.selectionSet(SelectionSet.newSelectionSet().selections(selections).build()));
	}

	/** The named type of a printed type reference: {@code Book} of {@code [Book!]!}. */
	static String namedType(String printed) {
		return printed.replace("[", "").replace("]", "").replace("!", "").trim();
	}

	static String responseKey(Field field) {
		return field.getAlias() != null ? field.getAlias() : field.getName();
	}

	private static List<String> append(List<String> path, String key) {
		List<String> next = new ArrayList<>(path);
		next.add(key);
		return next;
	}

	private static String names(List<Selection> fields) {
		return fields.stream().map((s) -> s instanceof Field f ? f.getName() : "...").toList().toString();
	}

	private static OperationDefinition selectOperation(Document document, String operationName) {
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		if (operations.isEmpty()) {
			throw PlanningException.ofOperation("The document contains no operation");
		}
		if (operationName == null || operationName.isBlank()) {
			if (operations.size() > 1) {
				throw PlanningException.ofOperation("The document has several operations: name one with operationName");
			}
			return operations.get(0);
		}
		return operations.stream()
			.filter((o) -> operationName.equals(o.getName()))
			.findFirst()
			.orElseThrow(
					() -> PlanningException.ofOperation("No operation named '" + operationName + "' in the document"));
	}

	/**
	 * Replaces fragment spreads with inline fragments, so every later step sees one tree.
	 */
	private static SelectionSet inline(SelectionSet selectionSet, Map<String, FragmentDefinition> fragments,
			Set<String> visiting) {
		List<Selection> out = new ArrayList<>();
		for (Selection<?> selection : selectionSet.getSelections()) {
			if (selection instanceof Field field) {
				out.add(field.getSelectionSet() == null ? field
						: field.transform((b) -> b.selectionSet(inline(field.getSelectionSet(), fragments, visiting))));
			}
			else if (selection instanceof InlineFragment fragment) {
				out.add(fragment
					.transform((b) -> b.selectionSet(inline(fragment.getSelectionSet(), fragments, visiting))));
			}
			else if (selection instanceof FragmentSpread spread) {
				FragmentDefinition definition = fragments.get(spread.getName());
				if (definition == null) {
					throw PlanningException.ofOperation("Unknown fragment " + spread.getName());
				}
				if (!visiting.add(spread.getName())) {
					throw PlanningException.ofOperation("Fragment " + spread.getName() + " spreads itself");
				}
				SelectionSet inner = inline(definition.getSelectionSet(), fragments, visiting);
				visiting.remove(spread.getName());
				out.add(InlineFragment.newInlineFragment()
					.typeCondition(definition.getTypeCondition())
					.directives(spread.getDirectives())
					.selectionSet(inner)
					.build());
			}
		}
		return SelectionSet.newSelectionSet().selections(out).build();
	}

	/**
	 * Root fields, with the directives of enclosing inline fragments carried onto each
	 * field.
	 */
	private static List<Field> flattenRoot(SelectionSet selectionSet) {
		List<Field> fields = new ArrayList<>();
		for (Selection<?> selection : selectionSet.getSelections()) {
			if (selection instanceof Field field) {
				fields.add(field);
			}
			else if (selection instanceof InlineFragment fragment) {
				for (Field inner : flattenRoot(fragment.getSelectionSet())) {
					List<Directive> directives = new ArrayList<>(inner.getDirectives());
					directives.addAll(fragment.getDirectives());
					fields.add(inner.transform((b) -> b.directives(directives)));
				}
			}
		}
		return fields;
	}

	static List<String> usedVariables(SelectionSet selectionSet) {
		Set<String> used = new LinkedHashSet<>();
		collectVariables(selectionSet, used);
		return List.copyOf(used);
	}

	private static void collectVariables(SelectionSet selectionSet, Set<String> used) {
		if (selectionSet == null) {
			return;
		}
		for (Selection<?> selection : selectionSet.getSelections()) {
			if (selection instanceof Field field) {
				field.getArguments().forEach((a) -> collectVariables(a.getValue(), used));
				field.getDirectives()
					.forEach((d) -> d.getArguments().forEach((a) -> collectVariables(a.getValue(), used)));
				collectVariables(field.getSelectionSet(), used);
			}
			else if (selection instanceof InlineFragment fragment) {
				fragment.getDirectives()
					.forEach((d) -> d.getArguments().forEach((a) -> collectVariables(a.getValue(), used)));
				collectVariables(fragment.getSelectionSet(), used);
			}
		}
	}

	private static void collectVariables(Value<?> value, Set<String> used) {
		if (value instanceof VariableReference reference) {
			used.add(reference.getName());
		}
		else if (value instanceof ArrayValue array) {
			array.getValues().forEach((v) -> collectVariables(v, used));
		}
		else if (value instanceof ObjectValue object) {
			for (ObjectField field : object.getObjectFields()) {
				collectVariables(field.getValue(), used);
			}
		}
	}

}
