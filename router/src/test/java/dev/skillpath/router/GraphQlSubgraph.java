package dev.skillpath.router;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.apollographql.federation.graphqljava.Federation;
import graphql.GraphQL;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;

/**
 * A real federated subgraph in process, on graphql-java and Apollo's federation support:
 * it validates every document the router sends, as a deployed subgraph would.
 */
final class GraphQlSubgraph {

	private GraphQlSubgraph() {
	}

	/**
	 * A subgraph of {@code sdl} whose {@code _entities} answers each representation with
	 * {@code entities} (a map with {@code __typename}, or null).
	 */
	static GraphQL of(String sdl, RuntimeWiring wiring, Function<Map<String, Object>, Object> entities) {
		return GraphQL.newGraphQL(Federation.transform(sdl, wiring).fetchEntities((env) -> {
			List<Object> out = new ArrayList<>();
			for (Map<String, Object> representation : env.<List<Map<String, Object>>>getArgument("representations")) {
				out.add(entities.apply(new LinkedHashMap<>(representation)));
			}
			return Collections.unmodifiableList(out);
		}).resolveEntityType(byTypename()).build()).build();
	}

	/** Resolves an abstract type by the {@code __typename} of the map it returns. */
	static TypeResolver byTypename() {
		return (env) -> env.getSchema().getObjectType((String) ((Map<?, ?>) env.getObject()).get("__typename"));
	}

}
