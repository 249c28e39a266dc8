package dev.skillpath.router;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.skillpath.router.execution.RequestContext;
import dev.skillpath.router.supergraph.SubgraphComposer;
import dev.skillpath.router.supergraph.SubgraphComposer.SubgraphSchema;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Selections that are valid in the supergraph but not, as they are, in one subgraph: the
 * subgraphs here are real graphql-java schemas, which refuse a document whose fields
 * cannot merge. Fields that share a response key with different types get an alias of
 * their own and are renamed back; fields that {@code @requires} needs with different
 * arguments are read from aliases, and representations that would need one field twice go
 * in fetches of their own.
 */
class ConflictingFieldsTest {

	static final String LINK = "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.7\", import: "
			+ "[\"@key\", \"@shareable\", \"@external\", \"@requires\"])\n";

	/** {@code User.id} is {@code ID} here ... */
	static final String USERS = LINK + """
			type Query { users: [User!]! }
			type User @key(fields: "id") { id: ID }
			""";

	/** ... and {@code ID!} here, beside {@code Admin.id: ID} in the same union. */
	static final String ACCOUNTS = LINK + """
			type Query { accounts: [Account!]! }
			union Account = User | Admin
			type User @key(fields: "id") { id: ID! name: String }
			type Admin { id: ID name: String @shareable }
			""";

	static final String PRICES = LINK + """
			type Query { products: [Product] }
			type Product @key(fields: "upc") { upc: String! price(currency: String!): Int weight: Int }
			""";

	static final String SHIPPING = LINK + """
			type Product @key(fields: "upc") {
			  upc: String!
			  weight: Int @external
			  price(currency: String!): Int @external
			  shippingUsd: Int @requires(fields: "price(currency: \\"USD\\") weight")
			  shippingEur: Int @requires(fields: "price(currency: \\"EUR\\") weight")
			}
			""";

	final List<String> calls = new CopyOnWriteArrayList<>();

	@Test
	void fieldsOfOneKeyWithDifferentTypesInOneSubgraphAreAliasedAndRenamedBack() {
		Map<String, GraphQL> subgraphs = Map.of("users",
				GraphQlSubgraph.of(USERS,
						RuntimeWiring.newRuntimeWiring()
							.type(TypeRuntimeWiring.newTypeWiring("Query")
								.dataFetcher("users", (env) -> List.of(Map.of("__typename", "User", "id", "u1"))))
							.build(),
						(representation) -> null),
				"accounts",
				GraphQlSubgraph.of(ACCOUNTS,
						RuntimeWiring.newRuntimeWiring()
							.type(TypeRuntimeWiring.newTypeWiring("Query")
								.dataFetcher("accounts",
										(env) -> List.of(Map.of("__typename", "User", "id", "u1", "name", "Ada"),
												Map.of("__typename", "Admin", "id", "a1", "name", "Root"))))
							.type(TypeRuntimeWiring.newTypeWiring("Account").typeResolver(GraphQlSubgraph.byTypename()))
							.build(),
						(representation) -> Map.of("__typename", "User", "id", "u1", "name", "Ada")));
		Router router = router(subgraphs, "users", USERS, "accounts", ACCOUNTS);

		Map<String, Object> response = run(router,
				"{ users { id name } accounts { ... on User { id name } ... on Admin { id name } } }");

		assertThat(response).doesNotContainKey("errors");
		assertThat(response.get("data")).isEqualTo(Map.of("users", List.of(Map.of("id", "u1", "name", "Ada")),
				"accounts", List.of(Map.of("id", "u1", "name", "Ada"), Map.of("id", "a1", "name", "Root"))));
		assertThat(this.calls).hasSize(3);
	}

	@Test
	void requiredFieldsWithDifferentArgumentsAreReadFromAliasesInFetchesOfTheirOwn() {
		Map<String, Integer> perCurrency = Map.of("USD", 11, "EUR", 22);
		DataFetcher<Object> price = (env) -> perCurrency.get(env.<String>getArgument("currency"));
		Map<String, GraphQL> subgraphs = Map.of("prices", GraphQlSubgraph.of(PRICES, RuntimeWiring.newRuntimeWiring()
			.type(TypeRuntimeWiring.newTypeWiring("Query")
				.dataFetcher("products", (env) -> List.of(Map.of("__typename", "Product", "upc", "p1", "weight", 2))))
			.type(TypeRuntimeWiring.newTypeWiring("Product").dataFetcher("price", price))
			.build(), (representation) -> null), "shipping",
				GraphQlSubgraph.of(SHIPPING,
						RuntimeWiring.newRuntimeWiring()
							.type(TypeRuntimeWiring.newTypeWiring("Product")
								.dataFetcher("shippingUsd", ConflictingFieldsTest::shipping)
								.dataFetcher("shippingEur", ConflictingFieldsTest::shipping))
							.build(),
						(representation) -> representation));
		Router router = router(subgraphs, "prices", PRICES, "shipping", SHIPPING);

		Map<String, Object> response = run(router,
				"{ products { upc price(currency: \"EUR\") shippingUsd shippingEur } }");

		assertThat(response).doesNotContainKey("errors");
		assertThat(response.get("data")).isEqualTo(Map.of("products",
				List.of(Map.of("upc", "p1", "price", 22, "shippingUsd", 11 * 2 * 10, "shippingEur", 22 * 2 * 10))));
		// the two shipping fetches are ready together: one request carries both
		assertThat(this.calls).containsExactly("prices", "shipping");
	}

	private static Object shipping(graphql.schema.DataFetchingEnvironment env) {
		Map<?, ?> product = env.getSource();
		return ((Number) product.get("price")).intValue() * ((Number) product.get("weight")).intValue() * 10;
	}

	private Router router(Map<String, GraphQL> subgraphs, String first, String firstSdl, String second,
			String secondSdl) {
		return new Router(
				SubgraphComposer.compose(List.of(new SubgraphSchema(first, "fixture://" + first, firstSdl),
						new SubgraphSchema(second, "fixture://" + second, secondSdl))),
				(subgraph, url, document, variables, context) -> {
					this.calls.add(subgraph);
					return Mono.fromCallable(() -> subgraphs.get(subgraph)
						.execute(ExecutionInput.newExecutionInput().query(document).variables(variables))
						.toSpecification());
				}, 10);
	}

	private Map<String, Object> run(Router router, String query) {
		this.calls.clear();
		return router.execute(new Router.Request(query, null, Map.of()), RequestContext.EMPTY)
			.block(Duration.ofSeconds(10));
	}

}
