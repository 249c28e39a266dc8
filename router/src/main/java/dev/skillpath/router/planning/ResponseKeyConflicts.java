package dev.skillpath.router.planning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillpath.router.supergraph.FieldInfo;
import dev.skillpath.router.supergraph.FieldSource;
import dev.skillpath.router.supergraph.Supergraph;
import dev.skillpath.router.supergraph.TypeInfo;
import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;

/**
 * Makes a fetch's selection valid in its subgraph where the client's is valid only in the
 * supergraph: fields that share a response key in fragments on different types may have
 * different shapes in one subgraph ({@code User.id: ID!} beside {@code Admin.id: ID}),
 * which GraphQL's field merging refuses. Every such field but the first kind gets an
 * alias of its own, and the executor renames the answers back before merging them
 * ({@link FetchNode#responseKeyRenames()}).
 */
final class ResponseKeyConflicts {

	private final Supergraph supergraph;

	private final String subgraph;

	/** Alias to the response key it stands for. */
	private final Map<String, String> renames = new LinkedHashMap<>();

	private ResponseKeyConflicts(Supergraph supergraph, String subgraph) {
		this.supergraph = supergraph;
		this.subgraph = subgraph;
	}

	/**
	 * Aliases the conflicting fields of {@code selection} (on {@code type} in
	 * {@code subgraph}) and records, in {@code node}, how to rename their answers back.
	 * @return the selection to send, the same instance when nothing conflicts
	 */
	static SelectionSet resolve(Supergraph supergraph, String subgraph, String type, SelectionSet selection,
			FetchNode node) {
		ResponseKeyConflicts conflicts = new ResponseKeyConflicts(supergraph, subgraph);
		SelectionSet resolved = conflicts.level(List.of(new Scoped(selection, type))).get(0);
		if (conflicts.renames.isEmpty()) {
			return selection;
		}
		node.responseKeyRenames(conflicts.renames);
		return resolved;
	}

	/** A selection set and the type it selects on. */
	private record Scoped(SelectionSet selection, String type) {
	}

	/** A field and the type it is selected on (its fragment's, or the enclosing one). */
	private record Occurrence(Field field, String parentType) {
	}

	/**
	 * The sets, which the response merges into one level, with an alias for each field
	 * that holds a key with another shape than the key's first field; then the same one
	 * level down, for the fields of each key together. Fields are told apart by their
	 * place, not their identity: the planner puts one field node into several fragments.
	 */
	private List<SelectionSet> level(List<Scoped> sets) {
		List<Occurrence> occurrences = new ArrayList<>();
		for (Scoped set : sets) {
			collect(set.selection(), set.type(), occurrences);
		}
		String[] finalKeys = new String[occurrences.size()];
		Map<String, Map<String, String>> keysByType = new LinkedHashMap<>();
		Map<String, List<Integer>> byFinalKey = new LinkedHashMap<>();
		for (int i = 0; i < occurrences.size(); i++) {
			String key = QueryPlanner.responseKey(occurrences.get(i).field());
			Map<String, String> keyByType = keysByType.computeIfAbsent(key, (k) -> new LinkedHashMap<>());
			finalKeys[i] = keyByType.computeIfAbsent(outputType(occurrences.get(i)), (t) -> {
				if (keyByType.isEmpty()) {
					return key;
				}
				String alias = key + "__alias_" + this.renames.size();
				this.renames.put(alias, key);
				return alias;
			});
			byFinalKey.computeIfAbsent(finalKeys[i], (k) -> new ArrayList<>()).add(i);
		}
		SelectionSet[] below = new SelectionSet[occurrences.size()];
		for (List<Integer> same : byFinalKey.values()) {
			List<Integer> withSelection = new ArrayList<>();
			List<Scoped> scoped = new ArrayList<>();
			for (int i : same) {
				Field field = occurrences.get(i).field();
				FieldInfo info = fieldInfo(occurrences.get(i));
				if (field.getSelectionSet() != null) {
					withSelection.add(i);
					scoped.add(new Scoped(field.getSelectionSet(), info == null ? "" : info.namedType()));
				}
			}
			if (!scoped.isEmpty()) {
				List<SelectionSet> resolved = level(scoped);
				for (int j = 0; j < withSelection.size(); j++) {
					below[withSelection.get(j)] = resolved.get(j);
				}
			}
		}
		int[] next = { 0 };
		return sets.stream().map((set) -> rewrite(set.selection(), finalKeys, below, next)).toList();
	}

	private static void collect(SelectionSet selection, String type, List<Occurrence> out) {
		for (Selection<?> each : selection.getSelections()) {
			if (each instanceof Field field) {
				out.add(new Occurrence(field, type));
			}
			else if (each instanceof InlineFragment fragment) {
				collect(fragment.getSelectionSet(),
						fragment.getTypeCondition() == null ? type : fragment.getTypeCondition().getName(), out);
			}
		}
	}

	private FieldInfo fieldInfo(Occurrence occurrence) {
		TypeInfo parent = this.supergraph.type(occurrence.parentType());
		return parent == null ? null : parent.fields().get(occurrence.field().getName());
	}

	/**
	 * The shape of the field's type as the subgraph declares it, which is what its schema
	 * checks: list and non-null wrappers, and the leaf type.
	 */
	private String outputType(Occurrence occurrence) {
		if (occurrence.field().getName().equals(QueryPlanner.TYPENAME)) {
			return "String!";
		}
		FieldInfo info = fieldInfo(occurrence);
		if (info == null) {
			return "";
		}
		FieldSource source = info.sources().get(this.subgraph);
		String printed = source != null && source.type() != null ? source.type() : AstPrinter.printAst(info.type());
		// object types may differ (an interface's field and an implementation's
		// narrower one): their fields are compared one level down
		String named = QueryPlanner.namedType(printed);
		TypeInfo type = this.supergraph.type(named);
		return type != null && type.isComposite() ? printed.replace(named, "{}") : printed;
	}

	/**
	 * {@code selection} again in the order {@link #collect} walked it, each field with
	 * its final key and its resolved selection.
	 */
	private static SelectionSet rewrite(SelectionSet selection, String[] finalKeys, SelectionSet[] below, int[] next) {
		List<Selection> out = new ArrayList<>();
		for (Selection<?> each : selection.getSelections()) {
			if (each instanceof Field field) {
				int i = next[0]++;
				String key = QueryPlanner.responseKey(field);
				out.add(field.transform((b) -> {
					if (!finalKeys[i].equals(key)) {
						b.alias(finalKeys[i]);
					}
					b.selectionSet(below[i]);
				}));
			}
			else if (each instanceof InlineFragment fragment) {
				SelectionSet inner = rewrite(fragment.getSelectionSet(), finalKeys, below, next);
				out.add(fragment.transform((b) -> b.selectionSet(inner)));
			}
			else {
				out.add(each);
			}
		}
		return SelectionSet.newSelectionSet().selections(out).build();
	}

}
