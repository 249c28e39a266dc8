package dev.skillpath.router.planning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import com.apollographql.federation.graphqljava.Federation;
import dev.skillpath.router.Router;
import dev.skillpath.router.execution.RequestContext;
import dev.skillpath.router.execution.SubgraphClient;
import dev.skillpath.router.supergraph.SubgraphComposer.SubgraphSchema;
import dev.skillpath.router.supergraph.Supergraph;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.UnionTypeDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeRuntimeWiring;
import reactor.core.publisher.Mono;

/**
 * Small federation subgraphs that run in the test JVM on graphql-java and Apollo's
 * federation library, answering from maps: a test gives each one its SDL, its root fields
 * and how it resolves representations, runs a query through the {@link Router} and checks
 * the calls the subgraphs received and the answer (objects carry their
 * {@code __typename}, which resolves interfaces, unions and entities).
 */
final class TestSubgraphs implements SubgraphClient {

	/** How one subgraph answers. */
	static final class Wiring {

		final Map<String, Map<String, DataFetcher<?>>> fetchers = new LinkedHashMap<>();

		final Map<String, Function<Map<String, Object>, Object>> entities = new LinkedHashMap<>();

		/** {@code Query.<field>} answers {@code value}. */
		Wiring query(String field, Object value) {
			return field("Query", field, (env) -> value);
		}

		Wiring field(String type, String field, DataFetcher<?> fetcher) {
			this.fetchers.computeIfAbsent(type, (t) -> new LinkedHashMap<>()).put(field, fetcher);
			return this;
		}

		/** Answers representations with {@code __typename} {@code type}. */
		Wiring entity(String type, Function<Map<String, Object>, Object> resolver) {
			this.entities.put(type, resolver);
			return this;
		}

	}

	private final Map<String, GraphQL> subgraphs = new LinkedHashMap<>();

	private final List<SubgraphSchema> schemas = new ArrayList<>();

	/** Every request, in the order the subgraphs received them. */
	final List<String> calls = new CopyOnWriteArrayList<>();

	/** A subgraph that no test run calls: it only takes part in composition. */
	TestSubgraphs add(String name, String sdl) {
		return add(name, sdl, (wiring) -> {
		});
	}

	TestSubgraphs add(String name, String sdl, Consumer<Wiring> configure) {
		SubgraphSchema schema = PlanFixtures.subgraph(name, sdl);
		Wiring wiring = new Wiring();
		configure.accept(wiring);
		TypeDefinitionRegistry registry = new SchemaParser().parse(schema.sdl());
		RuntimeWiring.Builder runtime = RuntimeWiring.newRuntimeWiring();
		wiring.fetchers.forEach((type, fields) -> runtime
			.type(TypeRuntimeWiring.newTypeWiring(type).dataFetchers(new LinkedHashMap<String, DataFetcher>(fields))));
		registry.getTypes(InterfaceTypeDefinition.class)
			.forEach((i) -> runtime.type(TypeRuntimeWiring.newTypeWiring(i.getName()).typeResolver(byTypename())));
		registry.getTypes(UnionTypeDefinition.class)
			.forEach((u) -> runtime.type(TypeRuntimeWiring.newTypeWiring(u.getName()).typeResolver(byTypename())));
		GraphQL graphql = GraphQL
			.newGraphQL(Federation.transform(schema.sdl(), runtime.build()).fetchEntities((env) -> {
				List<Object> out = new ArrayList<>();
				for (Map<String, Object> representation : env
					.<List<Map<String, Object>>>getArgument("representations")) {
					Function<Map<String, Object>, Object> resolver = wiring.entities
						.get((String) representation.get("__typename"));
					out.add((resolver != null) ? resolver.apply(representation) : null);
				}
				return out;
			}).resolveEntityType(byTypename()).build())
			.build();
		this.subgraphs.put(name, graphql);
		this.schemas.add(schema);
		return this;
	}

	Supergraph supergraph() {
		return PlanFixtures.compose(this.schemas.toArray(SubgraphSchema[]::new));
	}

	Router router() {
		return new Router(supergraph(), this, 10);
	}

	/** Runs {@code query} and answers the response as JSON. */
	String run(Router router, String query, Map<String, Object> variables) {
		this.calls.clear();
		Map<String, Object> response = router.execute(new Router.Request(query, null, variables), RequestContext.EMPTY)
			.block(Duration.ofSeconds(10));
		return PlanFixtures.json(response);
	}

	/**
	 * Records the call as {@code <subgraph> <variables>}, keys sorted (the document is
	 * what the plan prints), and answers it.
	 */
	@Override
	public Mono<Map<String, Object>> execute(String subgraph, String url, String document,
			Map<String, Object> variables, RequestContext context) {
		return Mono.fromCallable(() -> {
			this.calls.add(subgraph + " " + sorted(variables));
			return this.subgraphs.get(subgraph)
				.execute(ExecutionInput.newExecutionInput().query(document).variables(variables))
				.toSpecification();
		});
	}

	private static Object sorted(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> sorted = new TreeMap<>();
			map.forEach((k, v) -> sorted.put(String.valueOf(k), sorted(v)));
			return sorted;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(TestSubgraphs::sorted).toList();
		}
		return value;
	}

	private static TypeResolver byTypename() {
		return (env) -> env.getSchema().getObjectType((String) ((Map<?, ?>) env.getObject()).get("__typename"));
	}

}
