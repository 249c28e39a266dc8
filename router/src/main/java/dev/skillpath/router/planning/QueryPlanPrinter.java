package dev.skillpath.router.planning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.language.AstPrinter;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.language.TypeName;

/**
 * Prints a {@link QueryPlan} in the form described at {@link QueryPlan#print()}: the
 * fetches as steps in {@code Sequence} and {@code Parallel} blocks, each with its
 * service, path, variables and documents, and nothing of the planner's own bookkeeping
 * (no node ids), so that two plans print alike exactly when they fetch alike.
 */
final class QueryPlanPrinter {

	private static final String INDENT = "  ";

	private QueryPlanPrinter() {
	}

	static String print(QueryPlan plan) {
		boolean mutation = plan.operation() != null
				&& plan.operation().getOperation() == OperationDefinition.Operation.MUTATION;
		Step root = plan.sequential() ? sequence(plan.roots().stream().map((r) -> unit(r, mutation)).toList())
				: group(plan.roots(), mutation);
		if (root == null) {
			return "QueryPlan {}\n";
		}
		StringBuilder out = new StringBuilder("QueryPlan {\n");
		root.print(out, 1);
		return out.append("}\n").toString();
	}

	/** The steps of one fetch and what runs after it, without the plan around it. */
	static String print(FetchNode node) {
		StringBuilder out = new StringBuilder();
		unit(node, false).print(out, 0);
		return out.toString();
	}

	/** A fetch and, after it, the fetches that extend its data. */
	private static Step unit(FetchNode node, boolean mutation) {
		return sequence(Arrays.asList(new Fetch(node, mutation), group(node.children(), false)));
	}

	/**
	 * Siblings run in parallel, except that a fetch waits for the siblings it depends on
	 * (with what runs after them): {@code Sequence { <those> <the fetch> }}.
	 */
	private static Step group(List<FetchNode> siblings, boolean mutation) {
		List<Set<FetchNode>> members = new ArrayList<>();
		List<Step> steps = new ArrayList<>();
		for (FetchNode node : siblings) {
			Set<FetchNode> dependsOn = new HashSet<>(node.dependsOn());
			if (dependsOn.isEmpty()) {
				members.add(new HashSet<>(Set.of(node)));
				steps.add(unit(node, mutation));
				continue;
			}
			Set<FetchNode> covered = new HashSet<>();
			List<Step> before = new ArrayList<>();
			int at = -1;
			for (int i = 0; i < members.size(); i++) {
				if (members.get(i).stream().anyMatch(dependsOn::contains)) {
					at = (at < 0) ? i : at;
					covered.addAll(members.get(i));
					before.add(steps.get(i));
				}
			}
			if (!covered.equals(dependsOn)) {
				throw new IllegalStateException("Cannot print the fetch from " + node.subgraph() + " at "
						+ String.join(".", node.path())
						+ " as Sequence and Parallel steps: it depends on some but not all of the fetches that run"
						+ " with one of its dependencies, or on a fetch that is not its sibling");
			}
			for (int i = members.size() - 1; i >= at; i--) {
				if (members.get(i).stream().anyMatch(dependsOn::contains)) {
					members.remove(i);
					steps.remove(i);
				}
			}
			covered.add(node);
			members.add(at, covered);
			steps.add(at, sequence(Arrays.asList(parallel(before), unit(node, mutation))));
		}
		return parallel(steps);
	}

	private static Step sequence(List<Step> steps) {
		List<Step> flat = new ArrayList<>();
		for (Step step : steps) {
			if (step instanceof Sequence inner) {
				flat.addAll(inner.steps());
			}
			else if (step != null) {
				flat.add(step);
			}
		}
		return flat.isEmpty() ? null : (flat.size() == 1) ? flat.get(0) : new Sequence(flat);
	}

	private static Step parallel(List<Step> steps) {
		List<Step> flat = new ArrayList<>();
		for (Step step : steps) {
			if (step instanceof Parallel inner) {
				flat.addAll(inner.steps());
			}
			else if (step != null) {
				flat.add(step);
			}
		}
		return flat.isEmpty() ? null : (flat.size() == 1) ? flat.get(0) : new Parallel(flat);
	}

	private sealed interface Step permits Fetch, Sequence, Parallel {

		void print(StringBuilder out, int depth);

	}

	private record Sequence(List<Step> steps) implements Step {

		@Override
		public void print(StringBuilder out, int depth) {
			block(out, depth, "Sequence", this.steps);
		}

	}

	private record Parallel(List<Step> steps) implements Step {

		@Override
		public void print(StringBuilder out, int depth) {
			block(out, depth, "Parallel", this.steps);
		}

	}

	private record Fetch(FetchNode node, boolean mutation) implements Step {

		@Override
		public void print(StringBuilder out, int depth) {
			FetchNode node = this.node;
			int fetchDepth = depth;
			if (node.isEntityFetch()) {
				line(out, depth, "Flatten(path: \"" + String.join(".", node.path()) + "\") {");
				fetchDepth++;
			}
			String variables = node.variables().isEmpty() ? ""
					: node.variables()
						.stream()
						.map((v) -> "$" + v)
						.collect(Collectors.joining(", ", ", variables: [", "]"));
			line(out, fetchDepth, "Fetch(service: \"" + node.subgraph() + "\"" + variables + ") {");
			if (node.isEntityFetch()) {
				line(out, fetchDepth + 1, document(onType(node.entityType(), node.representation())) + " =>");
				line(out, fetchDepth + 1, document(onType(node.entityType(), node.selection())));
			}
			else {
				line(out, fetchDepth + 1, (this.mutation ? "mutation " : "") + document(node.selection()));
			}
			line(out, fetchDepth, "}");
			if (node.isEntityFetch()) {
				line(out, depth, "}");
			}
		}

		private static SelectionSet onType(String type, SelectionSet selection) {
			return SelectionSet.newSelectionSet()
				.selection(InlineFragment.newInlineFragment()
					.typeCondition(new TypeName(type))
					.selectionSet(selection)
					.build())
				.build();
		}

		/** AstPrinter's pretty form on one line: its lines trimmed, joined by a space. */
		private static String document(SelectionSet selection) {
			return Arrays.stream(AstPrinter.printAst(selection).split("\n"))
				.map(String::trim)
				.collect(Collectors.joining(" "));
		}

	}

	private static void block(StringBuilder out, int depth, String name, List<Step> steps) {
		line(out, depth, name + " {");
		steps.forEach((step) -> step.print(out, depth + 1));
		line(out, depth, "}");
	}

	private static void line(StringBuilder out, int depth, String text) {
		out.append(INDENT.repeat(depth)).append(text).append('\n');
	}

}
