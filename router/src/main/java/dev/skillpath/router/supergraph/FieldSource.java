package dev.skillpath.router.supergraph;

import graphql.language.SelectionSet;

/**
 * How one subgraph contributes a field: whether it only references it ({@code external}),
 * what it needs from other subgraphs to resolve it ({@code requires}) and what it can
 * resolve below it ({@code provides}) and its type there ({@code type}, null for the
 * supergraph's).
 */
public record FieldSource(String subgraph, boolean external, SelectionSet requires, SelectionSet provides,
		String type) {

	/**
	 * A source whose type in the subgraph is the supergraph's ({@code type} is the
	 * subgraph's own, printed, when it differs: a nullable field made non-null there).
	 */
	public FieldSource(String subgraph, boolean external, SelectionSet requires, SelectionSet provides) {
		this(subgraph, external, requires, provides, null);
	}

}
