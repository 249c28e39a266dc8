package dev.skillpath.router.planning;

import java.util.List;
import java.util.Map;

import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;

/**
 * What to fetch for one operation of a document: root fetches (run in parallel for
 * queries, in order for mutations) with their dependent entity fetches, and the operation
 * with fragments inlined, which shapes the response.
 */
public record QueryPlan(OperationDefinition operation, List<FetchNode> roots, boolean sequential,
		Map<String, VariableDefinition> variableDefinitions, boolean hasIntrospection) {

	/** The most subgraph requests this plan can make, whatever the data. */
	public int maxFetches() {
		return this.roots.stream().mapToInt(FetchNode::size).sum();
	}

	@Override
	public String toString() {
		StringBuilder out = new StringBuilder(this.sequential ? "Sequence\n" : "Parallel\n");
		this.roots.forEach((r) -> r.describe(out, 1));
		return out.toString();
	}

}
