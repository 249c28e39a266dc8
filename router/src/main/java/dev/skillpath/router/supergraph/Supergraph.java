package dev.skillpath.router.supergraph;

import java.util.Map;
import java.util.Set;

import graphql.schema.GraphQLSchema;

/**
 * The composed graph the planner works from: every type and field with the subgraphs that
 * resolve it, the subgraphs' URLs, and the API schema clients are validated against (the
 * supergraph without federation machinery and {@code @inaccessible} elements).
 */
public record Supergraph(Map<String, String> subgraphUrls, Map<String, TypeInfo> types, String queryType,
		String mutationType, GraphQLSchema apiSchema, String apiSdl) {

	public TypeInfo type(String name) {
		return this.types.get(name);
	}

	/**
	 * Whether an object of {@code runtimeType} matches a type condition on
	 * {@code condition}.
	 */
	public boolean matches(String runtimeType, String condition) {
		if (condition == null || condition.equals(runtimeType)) {
			return true;
		}
		TypeInfo type = this.types.get(condition);
		return type != null && type.possibleTypes().contains(runtimeType);
	}

	public Set<String> subgraphNames() {
		return this.subgraphUrls.keySet();
	}

}
