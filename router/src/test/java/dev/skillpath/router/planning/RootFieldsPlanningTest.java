package dev.skillpath.router.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.skillpath.router.Router;
import dev.skillpath.router.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import static dev.skillpath.router.planning.PlanFixtures.assertPlan;
import static dev.skillpath.router.planning.PlanFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Root fields: split across subgraphs in parallel for queries, in document order for
 * mutations; {@code __typename} of the root and introspection are answered by the router.
 */
class RootFieldsPlanningTest {

	static final String ACCOUNTS = """
			type Query { me: User users: [User!]! version: String @shareable }
			type Mutation { login(name: String!): User logout: Boolean }
			type User @key(fields: "id") { id: ID! name: String! }
			""";

	static final String CART = """
			type Query { cart: Cart version: String @shareable }
			type Mutation { addItem(sku: String!): Cart clear: Boolean }
			type Cart { items: [String!]! }
			type User @key(fields: "id") { id: ID! cartSize: Int }
			""";

	final List<String> items = new ArrayList<>(List.of("book"));

	final TestSubgraphs subgraphs = new TestSubgraphs()
		.add("accounts", ACCOUNTS,
				(wiring) -> wiring.query("me", user("Ada"))
					.query("users", List.of(user("Ada")))
					.query("version", "1")
					.field("Mutation", "login", (env) -> user(env.getArgument("name")))
					.field("Mutation", "logout", (env) -> true)
					.entity("User", (representation) -> user("Ada")))
		.add("cart", CART,
				(wiring) -> wiring.query("cart", Map.of("items", this.items))
					.query("version", "1")
					.field("Mutation", "addItem", (env) -> {
						this.items.add(env.getArgument("sku"));
						return Map.of("items", List.copyOf(this.items));
					})
					.field("Mutation", "clear", (env) -> {
						this.items.clear();
						return true;
					})
					.entity("User", (representation) -> Map.of("__typename", "User", "id", representation.get("id"),
							"cartSize", this.items.size())));

	final Supergraph supergraph = this.subgraphs.supergraph();

	@Test
	void rootFieldsOfDifferentSubgraphsAreFetchedInParallel() {
		assertPlan(this.supergraph, "{ me { name } cart { items } }", """
				QueryPlan {
				  Parallel {
				    Fetch(service: "accounts") {
				      { me { __typename name } }
				    }
				    Fetch(service: "cart") {
				      { cart { __typename items } }
				    }
				  }
				}
				""");
	}

	@Test
	void rootFieldsOfOneSubgraphShareOneFetch() {
		assertPlan(this.supergraph, "{ me { name } users { id } }", """
				QueryPlan {
				  Fetch(service: "accounts") {
				    { me { __typename name } users { __typename id } }
				  }
				}
				""");
	}

	@Test
	void aShareableRootFieldJoinsAFetchThatIsMadeAnyway() {
		assertPlan(this.supergraph, "{ cart { items } version }", """
				QueryPlan {
				  Fetch(service: "cart") {
				    { cart { __typename items } version }
				  }
				}
				""");
		assertPlan(this.supergraph, "{ me { name } version cart { items } }", """
				QueryPlan {
				  Parallel {
				    Fetch(service: "accounts") {
				      { me { __typename name } version }
				    }
				    Fetch(service: "cart") {
				      { cart { __typename items } }
				    }
				  }
				}
				""");
	}

	@Test
	void mutationFieldsRunInDocumentOrderEachWithItsEntityFetchesBeforeTheNext() {
		String mutation = """
				mutation { login(name: "Ada") { name cartSize } addItem(sku: "pen") { items } clear logout }
				""";
		// consecutive fields of one subgraph share a request; cartSize is read before
		// addItem runs
		assertPlan(this.supergraph, mutation, """
				QueryPlan {
				  Sequence {
				    Fetch(service: "accounts") {
				      mutation { login(name: "Ada") { name __typename id } }
				    }
				    Flatten(path: "login") {
				      Fetch(service: "cart") {
				        { ... on User { __typename id } } =>
				        { ... on User { cartSize } }
				      }
				    }
				    Fetch(service: "cart") {
				      mutation { addItem(sku: "pen") { __typename items } clear }
				    }
				    Fetch(service: "accounts") {
				      mutation { logout }
				    }
				  }
				}
				""");

		Router router = this.subgraphs.router();
		assertThat(this.subgraphs.run(router, mutation, Map.of())).isEqualTo("""
				{"data":{"login":{"name":"Ada","cartSize":1},"addItem":{"items":["book","pen"]},"clear":true,\
				"logout":true},"extensions":{"subgraphCalls":4}}""");
		assertThat(this.subgraphs.calls).containsExactly("accounts {}",
				"cart {representations=[{__typename=User, id=u1}]}", "cart {}", "accounts {}");
	}

	@Test
	void theRootTypenameIsAnsweredByTheRouter() {
		assertPlan(this.supergraph, "{ __typename }", "QueryPlan {}\n");
		assertPlan(this.supergraph, "{ __typename me { __typename name } }", """
				QueryPlan {
				  Fetch(service: "accounts") {
				    { me { __typename name } }
				  }
				}
				""");
	}

	@Test
	void introspectionIsAnsweredByTheRouter() {
		QueryPlan introspection = plan(this.supergraph, "{ __schema { queryType { name } } }");
		assertThat(introspection.print()).isEqualTo("QueryPlan {}\n");
		assertThat(introspection.hasIntrospection()).isTrue();
		assertPlan(this.supergraph, "{ __type(name: \"User\") { name } me { id } }", """
				QueryPlan {
				  Fetch(service: "accounts") {
				    { me { __typename id } }
				  }
				}
				""");

		Router router = this.subgraphs.router();
		assertThat(this.subgraphs.run(router, "{ __typename __type(name: \"Cart\") { name } }", Map.of())).isEqualTo("""
				{"data":{"__typename":"Query","__type":{"name":"Cart"}},"extensions":{"subgraphCalls":0}}""");
		assertThat(this.subgraphs.calls).isEmpty();
	}

	private static Map<String, Object> user(String name) {
		return Map.of("__typename", "User", "id", "u1", "name", name);
	}

}
