package dev.skillpath.router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.skillpath.router.execution.GraphQlError;
import dev.skillpath.router.supergraph.FieldInfo;
import dev.skillpath.router.supergraph.Supergraph;
import dev.skillpath.router.supergraph.TypeInfo;
import graphql.language.Argument;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Type;

/**
 * Limits an operation must stay within before any subgraph is called: nesting depth,
 * aliases, root fields, directives, and an estimated cost where each list multiplies the
 * cost of what it contains by its page size ({@code first}/{@code last}/{@code limit}
 * when given as a literal, else {@code defaultListSize}). Token counts are limited by the
 * parser, and the number of fields an operation holds once its fragments are spread
 * ({@code maxFields}) is checked before validation: duplicated fields and fragments that
 * spread each other several times (2^n fields from n short fragments) would otherwise
 * keep validation and planning busy for minutes.
 */
public record OperationLimits(int maxDepth, int maxAliases, int maxRootFields, int maxDirectives, long maxCost,
		int maxTokens, int defaultListSize, boolean introspection, int maxFields) {

	/** Generous limits for local work; production sets its own in configuration. */
	public static final OperationLimits DEFAULTS = new OperationLimits(15, 30, 20, 50, 50_000, 15_000, 10, true, 1_000);

	public OperationLimits(int maxDepth, int maxAliases, int maxRootFields, int maxDirectives, long maxCost,
			int maxTokens, int defaultListSize, boolean introspection) {
		this(maxDepth, maxAliases, maxRootFields, maxDirectives, maxCost, maxTokens, defaultListSize, introspection,
				DEFAULTS.maxFields());
	}

	/**
	 * Checked on the parsed document, before validation: the most fields any operation or
	 * fragment holds with every spread expanded, as a GraphQL error, or null. Linear in
	 * the document's size (each fragment is counted once); cycles are left to validation.
	 */
	GraphQlError checkDocument(Document document) {
		Map<String, FragmentDefinition> fragments = new HashMap<>();
		document.getDefinitionsOfType(FragmentDefinition.class).forEach((f) -> fragments.put(f.getName(), f));
		FieldCounter counter = new FieldCounter(fragments);
		long most = 0;
		for (Definition<?> definition : document.getDefinitions()) {
			if (definition instanceof OperationDefinition operation) {
				most = Math.max(most, counter.count(operation.getSelectionSet()));
			}
			else if (definition instanceof FragmentDefinition fragment) {
				most = Math.max(most, counter.count(fragment));
			}
		}
		if (most > this.maxFields) {
			return exceeded(
					"The operation holds " + (most == Long.MAX_VALUE ? "too many" : most)
							+ " fields once its fragments are spread; the limit is " + this.maxFields,
					"fields", this.maxFields, most);
		}
		return null;
	}

	/**
	 * Fields per selection set with fragment spreads expanded, each fragment counted once
	 * (saturating).
	 */
	private static final class FieldCounter {

		final Map<String, FragmentDefinition> fragments;

		final Map<String, Long> counted = new HashMap<>();

		final Set<String> visiting = new HashSet<>();

		FieldCounter(Map<String, FragmentDefinition> fragments) {
			this.fragments = fragments;
		}

		long count(FragmentDefinition fragment) {
			Long known = this.counted.get(fragment.getName());
			if (known != null) {
				return known;
			}
			if (!this.visiting.add(fragment.getName())) {
				return 0; // a cycle: validation refuses it with its own error
			}
			long total = count(fragment.getSelectionSet());
			this.visiting.remove(fragment.getName());
			this.counted.put(fragment.getName(), total);
			return total;
		}

		long count(SelectionSet selectionSet) {
			long total = 0;
			if (selectionSet == null) {
				return total;
			}
			for (Selection<?> selection : selectionSet.getSelections()) {
				long inner;
				if (selection instanceof Field field) {
					inner = saturatedAdd(1, count(field.getSelectionSet()));
				}
				else if (selection instanceof InlineFragment fragment) {
					inner = count(fragment.getSelectionSet());
				}
				else if (selection instanceof FragmentSpread spread && this.fragments.get(spread.getName()) != null) {
					inner = count(this.fragments.get(spread.getName()));
				}
				else {
					inner = 0;
				}
				total = saturatedAdd(total, inner);
			}
			return total;
		}

		private static long saturatedAdd(long a, long b) {
			long sum = a + b;
			return sum < 0 ? Long.MAX_VALUE : sum;
		}

	}

	/**
	 * What {@link #check} found in its one walk of the operation.
	 *
	 * @param error the first limit the operation exceeds, as a GraphQL error, or null
	 * @param pageSizesFromVariables whether a page size ({@code first}, {@code last},
	 * {@code limit}) is a variable, so that {@link #checkCost} must run again with each
	 * request's values
	 */
	record Checked(GraphQlError error, boolean pageSizesFromVariables) {
	}

	/**
	 * The first limit the operation exceeds, and whether its page sizes come from
	 * variables. Page sizes given as variables count as the variable's default value,
	 * else {@code defaultListSize}; see {@link #checkCost} for the check once the values
	 * are known.
	 */
	Checked check(OperationDefinition operation, Supergraph supergraph) {
		Counter counter = new Counter(supergraph, defaults(operation));
		String root = rootType(operation, supergraph);
		long cost = counter.cost(supergraph.type(root), operation.getSelectionSet(), 1, null);
		return new Checked(firstExceeded(counter, cost), counter.variablePageSizes);
	}

	/**
	 * The cost limit with the request's variables: {@code items(first: $n)} costs what
	 * {@code n} asks for, so that a cached plan cannot be reused with a huge page size.
	 */
	GraphQlError checkCost(OperationDefinition operation, Supergraph supergraph, Map<String, Object> variables) {
		Counter counter = new Counter(supergraph, variables);
		long cost = counter.cost(supergraph.type(rootType(operation, supergraph)), operation.getSelectionSet(), 1,
				null);
		return cost > this.maxCost ? costError(cost) : null;
	}

	/**
	 * The operation's estimated cost with a request's variables (a page-size variable the
	 * request leaves out counts as its default, else {@code defaultListSize}): what a
	 * batch of operations sums, see {@link #checkBatchCost}.
	 */
	public long cost(OperationDefinition operation, Supergraph supergraph, Map<String, Object> variables) {
		Map<String, Object> values = defaults(operation);
		if (variables != null) {
			values.putAll(variables);
		}
		return new Counter(supergraph, values).cost(supergraph.type(rootType(operation, supergraph)),
				operation.getSelectionSet(), 1, null);
	}

	/**
	 * The operations of one HTTP request together stay within {@code maxCost}: a batch of
	 * ten operations each just under the limit would otherwise do ten times the work of
	 * one.
	 * @param costs each operation's {@link #cost}
	 * @return the error refusing the whole batch, or null
	 */
	public GraphQlError checkBatchCost(List<Long> costs) {
		long total = 0;
		for (long cost : costs) {
			total = total + cost < 0 ? Long.MAX_VALUE : total + cost;
		}
		if (total <= this.maxCost) {
			return null;
		}
		return exceeded(
				"The operations of this batch have an estimated cost of " + total + " together; the limit for one "
						+ "request is " + this.maxCost + " (send them in separate requests, or ask for smaller pages)",
				"batchCost", this.maxCost, total);
	}

	private static String rootType(OperationDefinition operation, Supergraph supergraph) {
		return operation.getOperation() == OperationDefinition.Operation.MUTATION ? supergraph.mutationType()
				: supergraph.queryType();
	}

	private GraphQlError costError(long cost) {
		return exceeded("The operation's estimated cost is " + cost + "; the limit is " + this.maxCost
				+ " (lists count as their page size times what they contain)", "cost", this.maxCost, cost);
	}

	private GraphQlError firstExceeded(Counter counter, long cost) {
		if (!this.introspection && counter.introspection) {
			return GraphQlError.of("Introspection is disabled on this gateway", "INTROSPECTION_DISABLED");
		}
		if (counter.depth > this.maxDepth) {
			return exceeded("The operation is nested " + counter.depth + " levels deep; the limit is " + this.maxDepth,
					"depth", this.maxDepth, counter.depth);
		}
		if (counter.aliases > this.maxAliases) {
			return exceeded("The operation uses " + counter.aliases + " aliases; the limit is " + this.maxAliases,
					"aliases", this.maxAliases, counter.aliases);
		}
		if (counter.rootFields > this.maxRootFields) {
			return exceeded(
					"The operation selects " + counter.rootFields + " root fields; the limit is " + this.maxRootFields,
					"rootFields", this.maxRootFields, counter.rootFields);
		}
		if (counter.directives > this.maxDirectives) {
			return exceeded(
					"The operation uses " + counter.directives + " directives; the limit is " + this.maxDirectives,
					"directives", this.maxDirectives, counter.directives);
		}
		if (cost > this.maxCost) {
			return costError(cost);
		}
		return null;
	}

	/** The operation's variables that have a literal integer default. */
	private static Map<String, Object> defaults(OperationDefinition operation) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (graphql.language.VariableDefinition definition : operation.getVariableDefinitions()) {
			if (definition.getDefaultValue() instanceof IntValue value) {
				defaults.put(definition.getName(), value.getValue());
			}
		}
		return defaults;
	}

	/**
	 * An {@code OPERATION_LIMIT_EXCEEDED} error naming the limit, its value and the
	 * actual one.
	 */
	private static GraphQlError exceeded(String message, String limit, long max, long actual) {
		return GraphQlError.of(message, "OPERATION_LIMIT_EXCEEDED")
			.withExtension("limit", limit)
			.withExtension("max", max)
			.withExtension("actual", actual);
	}

	private final class Counter {

		final Supergraph supergraph;

		int depth;

		int aliases;

		int rootFields;

		int directives;

		boolean introspection;

		boolean variablePageSizes;

		/**
		 * Values of variables used as page sizes; a missing one counts as the default
		 * size.
		 */
		final Map<String, Object> variables;

		Counter(Supergraph supergraph, Map<String, Object> variables) {
			this.supergraph = supergraph;
			this.variables = variables == null ? Map.of() : variables;
		}

		/**
		 * @param connectionSize the page size of the enclosing Relay connection, which
		 * applies to its {@code edges} and {@code nodes} lists
		 */
		long cost(TypeInfo type, SelectionSet selection, int level, Long connectionSize) {
			long total = 0;
			for (Field field : fields(selection, level)) {
				if (level == 1) {
					this.rootFields++;
				}
				if (field.getName().startsWith("__")) {
					this.introspection |= field.getName().equals("__schema") || field.getName().equals("__type");
					continue;
				}
				this.depth = Math.max(this.depth, level);
				if (field.getAlias() != null) {
					this.aliases++;
				}
				this.directives += field.getDirectives().size();
				FieldInfo info = type == null ? null : type.fields().get(field.getName());
				long fieldCost = 1;
				if (field.getSelectionSet() != null && info != null) {
					Long ownSize = pageArgument(field);
					boolean list = isList(info.type());
					long inner = cost(this.supergraph.type(info.namedType()), field.getSelectionSet(), level + 1,
							list ? null : ownSize);
					long size = ownSize != null ? ownSize
							: connectionSize != null
									&& (field.getName().equals("edges") || field.getName().equals("nodes"))
											? connectionSize : OperationLimits.this.defaultListSize;
					fieldCost = saturatedAdd(fieldCost, list ? saturatedMultiply(size, inner) : inner);
				}
				total = saturatedAdd(total, fieldCost);
			}
			return total;
		}

		private List<Field> fields(SelectionSet selection, int level) {
			List<Field> out = new ArrayList<>();
			for (Selection<?> s : selection.getSelections()) {
				if (s instanceof Field f) {
					out.add(f);
				}
				else if (s instanceof InlineFragment fragment) {
					this.directives += fragment.getDirectives().size();
					out.addAll(fields(fragment.getSelectionSet(), level));
				}
			}
			return out;
		}

		/**
		 * A {@code first}, {@code last} or {@code limit}: a literal, or a variable's
		 * value when known.
		 */
		private Long pageArgument(Field field) {
			for (Argument argument : field.getArguments()) {
				if (List.of("first", "last", "limit").contains(argument.getName())) {
					if (argument.getValue() instanceof IntValue value) {
						return Math.max(1, value.getValue().longValue());
					}
					if (argument.getValue() instanceof graphql.language.VariableReference reference) {
						this.variablePageSizes = true;
						if (this.variables.get(reference.getName()) instanceof Number size) {
							return Math.max(1, size.longValue());
						}
					}
					return (long) OperationLimits.this.defaultListSize;
				}
			}
			return null;
		}

	}

	/**
	 * Page sizes nest: three lists of 2^31 would wrap a long round to a small, accepted
	 * cost.
	 */
	private static long saturatedMultiply(long a, long b) {
		long high = Math.multiplyHigh(a, b);
		long low = a * b;
		return high != 0 || low < 0 ? Long.MAX_VALUE : low;
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return sum < 0 ? Long.MAX_VALUE : sum;
	}

	private static boolean isList(Type<?> type) {
		return type instanceof ListType || type instanceof NonNullType nonNull && nonNull.getType() instanceof ListType;
	}

}
