package dev.skillpath.gateway.router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillpath.gateway.router.supergraph.FieldInfo;
import dev.skillpath.gateway.router.supergraph.Supergraph;
import dev.skillpath.gateway.router.supergraph.TypeInfo;
import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Type;

/**
 * Limits an operation must stay within before any subgraph is called: nesting depth, aliases,
 * root fields, directives, and an estimated cost where each list multiplies the cost of what
 * it contains by its page size ({@code first}/{@code last}/{@code limit} when given as a literal,
 * else {@code defaultListSize}). Token counts are limited by the parser.
 */
public record OperationLimits(int maxDepth, int maxAliases, int maxRootFields, int maxDirectives, long maxCost,
		int maxTokens, int defaultListSize, boolean introspection) {

	/** Generous limits for local work; production sets its own in configuration. */
	public static final OperationLimits DEFAULTS = new OperationLimits(15, 30, 20, 50, 50_000, 15_000, 10, true);

	/** The first limit the operation exceeds, as a GraphQL error, or null. */
	Map<String, Object> check(OperationDefinition operation, Supergraph supergraph) {
		Counter counter = new Counter(supergraph);
		String root = operation.getOperation() == OperationDefinition.Operation.MUTATION ? supergraph.mutationType()
				: supergraph.queryType();
		long cost = counter.cost(supergraph.type(root), operation.getSelectionSet(), 1, null);
		if (!this.introspection && counter.introspection) {
			return error("Introspection is disabled on this gateway", "INTROSPECTION_DISABLED", null, 0, 0);
		}
		if (counter.depth > this.maxDepth) {
			return error("The operation is nested " + counter.depth + " levels deep; the limit is " + this.maxDepth,
					"OPERATION_LIMIT_EXCEEDED", "depth", this.maxDepth, counter.depth);
		}
		if (counter.aliases > this.maxAliases) {
			return error("The operation uses " + counter.aliases + " aliases; the limit is " + this.maxAliases,
					"OPERATION_LIMIT_EXCEEDED", "aliases", this.maxAliases, counter.aliases);
		}
		if (counter.rootFields > this.maxRootFields) {
			return error("The operation selects " + counter.rootFields + " root fields; the limit is " + this.maxRootFields,
					"OPERATION_LIMIT_EXCEEDED", "rootFields", this.maxRootFields, counter.rootFields);
		}
		if (counter.directives > this.maxDirectives) {
			return error("The operation uses " + counter.directives + " directives; the limit is " + this.maxDirectives,
					"OPERATION_LIMIT_EXCEEDED", "directives", this.maxDirectives, counter.directives);
		}
		if (cost > this.maxCost) {
			return error("The operation's estimated cost is " + cost + "; the limit is " + this.maxCost
					+ " (lists count as their page size times what they contain)", "OPERATION_LIMIT_EXCEEDED", "cost",
					this.maxCost, cost);
		}
		return null;
	}

	private static Map<String, Object> error(String message, String code, String limit, long max, long actual) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", code);
		if (limit != null) {
			extensions.put("limit", limit);
			extensions.put("max", max);
			extensions.put("actual", actual);
		}
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("extensions", extensions);
		return error;
	}

	private final class Counter {

		final Supergraph supergraph;

		int depth;

		int aliases;

		int rootFields;

		int directives;

		boolean introspection;

		Counter(Supergraph supergraph) {
			this.supergraph = supergraph;
		}

		/**
		 * @param connectionSize the page size of the enclosing Relay connection, which applies to
		 * its {@code edges} and {@code nodes} lists
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
							: connectionSize != null && (field.getName().equals("edges") || field.getName().equals("nodes"))
									? connectionSize : OperationLimits.this.defaultListSize;
					fieldCost += list ? size * inner : inner;
				}
				total += fieldCost;
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

		/** A literal {@code first}, {@code last} or {@code limit}; a variable counts as the default size. */
		private Long pageArgument(Field field) {
			for (Argument argument : field.getArguments()) {
				if (List.of("first", "last", "limit").contains(argument.getName())) {
					return argument.getValue() instanceof IntValue value ? Math.max(1, value.getValue().longValue())
							: (long) OperationLimits.this.defaultListSize;
				}
			}
			return null;
		}

	}

	private static boolean isList(Type<?> type) {
		return type instanceof ListType || type instanceof NonNullType nonNull && nonNull.getType() instanceof ListType;
	}

}
