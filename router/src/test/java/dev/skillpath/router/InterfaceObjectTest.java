package dev.skillpath.router;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.skillpath.router.execution.RequestContext;
import dev.skillpath.router.supergraph.SubgraphComposer;
import dev.skillpath.router.supergraph.SubgraphComposer.SubgraphSchema;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @interfaceObject}: a subgraph (reviews) adds fields to an entity interface
 * (Media) that another subgraph (media) owns with its implementations (Book, Movie),
 * without knowing them. Representations sent to reviews say {@code Media}; the concrete
 * type always comes from media.
 */
class InterfaceObjectTest {

	static final String MEDIA = """
			extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
			type Query { media: [Media!]! }
			interface Media @key(fields: "id") { id: ID! title: String! }
			type Book implements Media @key(fields: "id") { id: ID! title: String! pages: Int! }
			type Movie implements Media @key(fields: "id") { id: ID! title: String! minutes: Int! }
			""";

	static final String REVIEWS = """
			extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@interfaceObject"])
			type Query { topRated: [Media!]! }
			type Media @key(fields: "id") @interfaceObject { id: ID! stars: Int! }
			""";

	static final Map<String, Map<String, Object>> CATALOGUE = new LinkedHashMap<>();
	static {
		CATALOGUE.put("b1", Map.of("__typename", "Book", "id", "b1", "title", "Designing Data-Intensive Applications",
				"pages", 616));
		CATALOGUE.put("m1", Map.of("__typename", "Movie", "id", "m1", "title", "The Social Network", "minutes", 120));
	}

	static final Map<String, Integer> STARS = Map.of("b1", 5, "m1", 4);

	/** Every request a subgraph received: name and representations' typenames. */
	final List<String> calls = new CopyOnWriteArrayList<>();

	final Map<String, GraphQL> subgraphs = Map.of("media", GraphQlSubgraph.of(MEDIA, RuntimeWiring.newRuntimeWiring()
		.type(TypeRuntimeWiring.newTypeWiring("Query").dataFetcher("media", (env) -> List.copyOf(CATALOGUE.values())))
		.type(TypeRuntimeWiring.newTypeWiring("Media").typeResolver(GraphQlSubgraph.byTypename()))
		.build(), (representation) -> CATALOGUE.get(representation.get("id"))), "reviews",
			GraphQlSubgraph.of(REVIEWS,
					RuntimeWiring.newRuntimeWiring()
						.type(TypeRuntimeWiring.newTypeWiring("Query")
							.dataFetcher("topRated", (env) -> List.of(media("m1"), media("b1"))))
						.build(),
					(representation) -> "Media".equals(representation.get("__typename"))
							? media((String) representation.get("id")) : null));

	final Router router = new Router(
			SubgraphComposer.compose(List.of(new SubgraphSchema("media", "fixture://media", MEDIA),
					new SubgraphSchema("reviews", "fixture://reviews", REVIEWS))),
			(subgraph, url, document, variables, context) -> {
				Object representations = variables.get("representations");
				this.calls.add(subgraph + (representations instanceof List<?> list
						? list.stream().map((r) -> ((Map<?, ?>) r).get("__typename")).toList().toString() : ""));
				return Mono.fromCallable(() -> this.subgraphs.get(subgraph)
					.execute(ExecutionInput.newExecutionInput().query(document).variables(variables))
					.toSpecification());
			}, 10);

	@Test
	void fieldsOfAnInterfaceObjectAreFetchedWithTheInterfaceAsTypename() {
		Map<String, Object> response = run("{ media { __typename id title stars ... on Book { pages } } }");

		assertThat(response).doesNotContainKey("errors");
		assertThat(response.get("data")).isEqualTo(Map.of("media",
				List.of(Map.of("__typename", "Book", "id", "b1", "title", "Designing Data-Intensive Applications",
						"stars", 5, "pages", 616),
						Map.of("__typename", "Movie", "id", "m1", "title", "The Social Network", "stars", 4))));
		assertThat(this.calls).containsExactly("media", "reviews[Media, Media]");
	}

	@Test
	void theConcreteTypeOfAnInterfaceObjectComesFromTheSubgraphThatOwnsTheInterface() {
		Map<String, Object> response = run("{ topRated { __typename id stars title ... on Movie { minutes } } }");

		assertThat(response).doesNotContainKey("errors");
		assertThat(response.get("data")).isEqualTo(Map.of("topRated",
				List.of(Map.of("__typename", "Movie", "id", "m1", "stars", 4, "title", "The Social Network", "minutes",
						120),
						Map.of("__typename", "Book", "id", "b1", "stars", 5, "title",
								"Designing Data-Intensive Applications"))));
		assertThat(this.calls).containsExactly("reviews", "media[Media, Media]");
	}

	@Test
	void aTypenameAloneIsAskedOfTheSubgraphThatOwnsTheInterface() {
		Map<String, Object> response = run("{ topRated { __typename } }");

		assertThat(response).doesNotContainKey("errors");
		assertThat(response.get("data"))
			.isEqualTo(Map.of("topRated", List.of(Map.of("__typename", "Movie"), Map.of("__typename", "Book"))));
		assertThat(this.calls).containsExactly("reviews", "media[Media, Media]");
	}

	Map<String, Object> run(String query) {
		this.calls.clear();
		return this.router.execute(new Router.Request(query, null, Map.of()), RequestContext.EMPTY)
			.block(Duration.ofSeconds(10));
	}

	private static Map<String, Object> media(String id) {
		Map<String, Object> media = new LinkedHashMap<>();
		media.put("__typename", "Media");
		media.put("id", id);
		media.put("stars", STARS.get(id));
		return media;
	}

}
