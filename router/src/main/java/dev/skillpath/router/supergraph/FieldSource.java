package dev.skillpath.router.supergraph;

import graphql.language.SelectionSet;

/**
 * How one subgraph contributes a field: whether it only references it ({@code external}),
 * what it needs from other subgraphs to resolve it ({@code requires}) and what it can
 * resolve below it ({@code provides}).
 */
public record FieldSource(String subgraph, boolean external, SelectionSet requires, SelectionSet provides) {
}
