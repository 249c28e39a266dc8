package dev.skillpath.router.planning;

import java.util.List;
import java.util.Map;

import dev.skillpath.router.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import static dev.skillpath.router.planning.PlanFixtures.assertPlan;
import static dev.skillpath.router.planning.PlanFixtures.validationErrors;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which subgraph answers a field: {@code @provides} lets a subgraph answer fields it
 * otherwise only references ({@code @external}) on one path, {@code @shareable} fields
 * stay with the subgraph that fetched their parent, {@code @override} moves a field, and
 * {@code @inaccessible} fields, out of the API, still serve as keys.
 */
class FieldDirectivesPlanningTest {

	static final String CATALOG = """
			type Query { products: [Product!]! }
			type Product @key(fields: "upc") {
			  upc: String! name: String! @shareable vendor: Vendor @shareable price: Int
			  internalCode: String @inaccessible
			}
			type Vendor @key(fields: "id") { id: ID! name: String! @shareable }
			""";

	static final String REVIEWS = """
			type Query { topReviews: [Review!]! }
			type Review @key(fields: "id") {
			  id: ID! body: String!
			  product: Product @provides(fields: "name vendor { name }")
			  similar: [Product!]!
			}
			type Product @key(fields: "upc") { upc: String! name: String! @external vendor: Vendor @external }
			type Vendor @key(fields: "id") { id: ID! name: String! @external }
			""";

	static final String INVENTORY = """
			type Query { stock: [StockItem!]! }
			type StockItem { product: Product! count: Int! }
			type Product @key(fields: "upc") { upc: String! name: String! @shareable }
			""";

	static final String PRICING = """
			type Product @key(fields: "upc") { upc: String! price: Int @override(from: "catalog") }
			""";

	static final String USERS = """
			type Query { user(uid: ID!): User }
			type User @key(fields: "uid") { uid: ID! @inaccessible nick: String! }
			""";

	static final String POSTS = """
			type Query { posts: [Post!]! }
			type Post { title: String! author: User! }
			type User @key(fields: "uid") { uid: ID! @inaccessible postCount: Int }
			""";

	final TestSubgraphs subgraphs = new TestSubgraphs()
		.add("catalog", CATALOG,
				(wiring) -> wiring.entity("Product",
						(representation) -> Map.of("__typename", "Product", "upc", representation.get("upc"), "name",
								"Teapot")))
		.add("reviews", REVIEWS,
				(wiring) -> wiring.query("topReviews",
						List.of(Map.of("__typename", "Review", "id", "r1", "body", "Boils fast", "product",
								Map.of("__typename", "Product", "upc", "p1", "name", "Kettle", "vendor",
										Map.of("__typename", "Vendor", "id", "v1", "name", "Acme")),
								"similar", List.of(Map.of("__typename", "Product", "upc", "p2"))))))
		.add("inventory", INVENTORY, (wiring) -> wiring.query("stock",
				List.of(Map.of("count", 3, "product", Map.of("__typename", "Product", "upc", "p1", "name", "Kettle")))))
		.add("pricing", PRICING, (wiring) -> wiring.entity("Product",
				(representation) -> Map.of("__typename", "Product", "upc", representation.get("upc"), "price", 30)))
		.add("users", USERS,
				(wiring) -> wiring.query("user", Map.of("__typename", "User", "uid", "7", "nick", "ada"))
					.entity("User", (representation) -> Map.of("__typename", "User", "uid", "7", "nick", "ada")))
		.add("posts", POSTS,
				(wiring) -> wiring
					.query("posts",
							List.of(Map.of("title", "Hello", "author",
									Map.of("__typename", "User", "uid", "7", "postCount", 2))))
					.entity("User", (representation) -> Map.of("__typename", "User", "uid", "7", "postCount", 2)));

	final Supergraph supergraph = this.subgraphs.supergraph();

	@Test
	void providedFieldsAreAnsweredByTheSubgraphThatProvidesThem() {
		String query = "{ topReviews { product { name vendor { name } } } }";
		assertPlan(this.supergraph, query, """
				QueryPlan {
				  Fetch(service: "reviews") {
				    { topReviews { __typename product { __typename name vendor { __typename name } } } }
				  }
				}
				""");

		assertThat(this.subgraphs.run(this.subgraphs.router(), query, Map.of())).isEqualTo("""
				{"data":{"topReviews":[{"product":{"name":"Kettle","vendor":{"name":"Acme"}}}]},\
				"extensions":{"subgraphCalls":1}}""");
		assertThat(this.subgraphs.calls).containsExactly("reviews {}");
	}

	@Test
	void fieldsBesideTheProvidedOnesAreFetchedFromTheirOwner() {
		assertPlan(this.supergraph, "{ topReviews { product { upc name price } } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "reviews") {
				      { topReviews { __typename product { upc name __typename } } }
				    }
				    Flatten(path: "topReviews.product") {
				      Fetch(service: "pricing") {
				        { ... on Product { __typename upc } } =>
				        { ... on Product { price } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void externalFieldsOnAPathWithoutProvidesAreFetchedFromTheSubgraphThatResolvesThem() {
		String query = "{ topReviews { similar { name } } }";
		assertPlan(this.supergraph, query, """
				QueryPlan {
				  Sequence {
				    Fetch(service: "reviews") {
				      { topReviews { __typename similar { __typename upc } } }
				    }
				    Flatten(path: "topReviews.similar") {
				      Fetch(service: "catalog") {
				        { ... on Product { __typename upc } } =>
				        { ... on Product { name } }
				      }
				    }
				  }
				}
				""");

		assertThat(this.subgraphs.run(this.subgraphs.router(), query, Map.of())).isEqualTo("""
				{"data":{"topReviews":[{"similar":[{"name":"Teapot"}]}]},"extensions":{"subgraphCalls":2}}""");
		assertThat(this.subgraphs.calls).containsExactly("reviews {}",
				"catalog {representations=[{__typename=Product, upc=p2}]}");
	}

	@Test
	void shareableFieldsStayWithTheSubgraphThatFetchedTheirParent() {
		assertPlan(this.supergraph, "{ stock { count product { name } } }", """
				QueryPlan {
				  Fetch(service: "inventory") {
				    { stock { __typename count product { __typename name } } }
				  }
				}
				""");
		assertPlan(this.supergraph, "{ products { name } }", """
				QueryPlan {
				  Fetch(service: "catalog") {
				    { products { __typename name } }
				  }
				}
				""");
	}

	@Test
	void anOverriddenFieldIsFetchedFromTheOverridingSubgraph() {
		// catalog still declares price, but pricing took it over
		assertPlan(this.supergraph, "{ products { name price } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "catalog") {
				      { products { name __typename upc } }
				    }
				    Flatten(path: "products") {
				      Fetch(service: "pricing") {
				        { ... on Product { __typename upc } } =>
				        { ... on Product { price } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void inaccessibleFieldsAreNotInTheApiButStillIdentifyEntities() {
		assertThat(validationErrors(this.supergraph, "{ products { internalCode } }")).singleElement()
			.asString()
			.contains("internalCode");
		assertThat(validationErrors(this.supergraph, "{ posts { author { uid } } }")).singleElement()
			.asString()
			.contains("uid");
		String query = "{ posts { title author { nick postCount } } }";
		assertPlan(this.supergraph, query, """
				QueryPlan {
				  Sequence {
				    Fetch(service: "posts") {
				      { posts { __typename title author { postCount __typename uid } } }
				    }
				    Flatten(path: "posts.author") {
				      Fetch(service: "users") {
				        { ... on User { __typename uid } } =>
				        { ... on User { nick } }
				      }
				    }
				  }
				}
				""");

		assertThat(this.subgraphs.run(this.subgraphs.router(), query, Map.of())).isEqualTo("""
				{"data":{"posts":[{"title":"Hello","author":{"nick":"ada","postCount":2}}]},\
				"extensions":{"subgraphCalls":2}}""");
		assertThat(this.subgraphs.calls).containsExactly("posts {}",
				"users {representations=[{__typename=User, uid=7}]}");
	}

}
