package dev.skillpath.router.planning;

import java.util.List;
import java.util.Map;

import dev.skillpath.router.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import static dev.skillpath.router.planning.PlanFixtures.assertPlan;
import static dev.skillpath.router.planning.PlanFixtures.compose;
import static dev.skillpath.router.planning.PlanFixtures.subgraph;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @key}: a field of an entity that another subgraph resolves is fetched from it
 * with {@code _entities}, identified by a key that the subgraph holding the object can
 * provide: one key, several keys, compound and nested keys, {@code resolvable: false} and
 * entities inside entities.
 */
class KeyPlanningTest {

	static final String ACCOUNTS = """
			type Query { me: User }
			type User @key(fields: "id") { id: ID! name: String! @shareable organization: Organization }
			type Organization @key(fields: "id") { id: ID! }
			""";

	static final String REVIEWS = """
			type Query { topReviews: [Review!]! }
			type Review { body: String! author: User! }
			type User @key(fields: "id", resolvable: false) { id: ID! }
			""";

	/** Knows users' names but cannot be asked for users: its key is not resolvable. */
	static final String BADGES = """
			type Query { badgeHolders: [User!]! }
			type User @key(fields: "id", resolvable: false) { id: ID! name: String! @shareable }
			""";

	static final String ORGS = """
			type Organization @key(fields: "id") { id: ID! name: String! }
			""";

	static final String CATALOG = """
			type Query { products: [Product!]! }
			type Product @key(fields: "upc") @key(fields: "sku") { upc: String! sku: String! name: String! }
			""";

	static final String INVENTORY = """
			type Product @key(fields: "sku") { sku: String! inStock: Boolean! }
			""";

	static final String PRICING = """
			type Product @key(fields: "upc") { upc: String! price: Int! }
			""";

	static final String FLIGHTS = """
			type Query { seats: [Seat!]! }
			type Seat @key(fields: "flight number") { flight: String! number: Int! window: Boolean! }
			""";

	static final String MEALS = """
			type Seat @key(fields: "flight number") { flight: String! number: Int! meal: String }
			""";

	static final String MEMBERS = """
			type Query { members: [Member!]! }
			type Member @key(fields: "user { id } organization { id }") {
			  user: User! organization: Organization! since: Int!
			}
			type User @key(fields: "id") { id: ID! }
			type Organization @key(fields: "id") { id: ID! }
			""";

	static final String BILLING = """
			type Member @key(fields: "user { id } organization { id }") {
			  user: User! organization: Organization! seat: String!
			}
			type User @key(fields: "id") { id: ID! }
			type Organization @key(fields: "id") { id: ID! }
			""";

	static final Supergraph SEATS = compose(subgraph("flights", FLIGHTS), subgraph("meals", MEALS));

	static final Supergraph MEMBERSHIPS = compose(subgraph("members", MEMBERS), subgraph("billing", BILLING));

	final TestSubgraphs users = new TestSubgraphs().add("badges", BADGES)
		.add("accounts", ACCOUNTS,
				(wiring) -> wiring.entity("User",
						(representation) -> Map.of("__typename", "User", "id", representation.get("id"), "name",
								"u1".equals(representation.get("id")) ? "Ada" : "Grace", "organization",
								Map.of("__typename", "Organization", "id", "o1"))))
		.add("reviews", REVIEWS,
				(wiring) -> wiring.query("topReviews",
						List.of(Map.of("body", "Clear", "author", Map.of("__typename", "User", "id", "u1")),
								Map.of("body", "Short", "author", Map.of("__typename", "User", "id", "u2")))))
		.add("orgs", ORGS, (wiring) -> wiring.entity("Organization",
				(representation) -> Map.of("__typename", "Organization", "id", "o1", "name", "Acme")));

	final Supergraph usersGraph = this.users.supergraph();

	final TestSubgraphs products = new TestSubgraphs()
		.add("catalog", CATALOG,
				(wiring) -> wiring.query("products",
						List.of(Map.of("__typename", "Product", "upc", "p1", "sku", "s1", "name", "Kettle"))))
		.add("inventory", INVENTORY,
				(wiring) -> wiring.entity("Product",
						(representation) -> Map.of("__typename", "Product", "sku", "s1", "inStock", true)))
		.add("pricing", PRICING, (wiring) -> wiring.entity("Product",
				(representation) -> Map.of("__typename", "Product", "upc", "p1", "price", 30)));

	@Test
	void anEntityFetchSendsTypenameAndKeyOfTheObjectsAtItsPath() {
		assertPlan(this.usersGraph, "{ topReviews { body author { name } } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "reviews") {
				      { topReviews { __typename body author { __typename id } } }
				    }
				    Flatten(path: "topReviews.author") {
				      Fetch(service: "accounts") {
				        { ... on User { __typename id } } =>
				        { ... on User { name } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void aSubgraphWhoseKeyIsNotResolvableIsNotAskedForEntities() {
		// badges resolves User.name too, and comes first, but only for the users it
		// returns itself
		assertThat(this.usersGraph.type("User").resolvers("name")).containsExactly("badges", "accounts");
		assertPlan(this.usersGraph, "{ me { name } topReviews { author { name } } }", """
				QueryPlan {
				  Parallel {
				    Fetch(service: "accounts") {
				      { me { __typename name } }
				    }
				    Sequence {
				      Fetch(service: "reviews") {
				        { topReviews { __typename author { __typename id } } }
				      }
				      Flatten(path: "topReviews.author") {
				        Fetch(service: "accounts") {
				          { ... on User { __typename id } } =>
				          { ... on User { name } }
				        }
				      }
				    }
				  }
				}
				""");
		assertPlan(this.usersGraph, "{ badgeHolders { name } }", """
				QueryPlan {
				  Fetch(service: "badges") {
				    { badgeHolders { __typename name } }
				  }
				}
				""");
	}

	@Test
	void anEntityInsideAnEntityIsFetchedAfterTheEntityThatReturnsIt() {
		String query = "{ topReviews { body author { name organization { name } } } }";
		assertPlan(this.usersGraph, query, """
				QueryPlan {
				  Sequence {
				    Fetch(service: "reviews") {
				      { topReviews { __typename body author { __typename id } } }
				    }
				    Flatten(path: "topReviews.author") {
				      Fetch(service: "accounts") {
				        { ... on User { __typename id } } =>
				        { ... on User { name organization { __typename id } } }
				      }
				    }
				    Flatten(path: "topReviews.author.organization") {
				      Fetch(service: "orgs") {
				        { ... on Organization { __typename id } } =>
				        { ... on Organization { name } }
				      }
				    }
				  }
				}
				""");

		assertThat(this.users.run(this.users.router(), query, Map.of())).isEqualTo("""
				{"data":{"topReviews":[\
				{"body":"Clear","author":{"name":"Ada","organization":{"name":"Acme"}}},\
				{"body":"Short","author":{"name":"Grace","organization":{"name":"Acme"}}}]},\
				"extensions":{"subgraphCalls":3}}""");
		// both authors belong to o1: one representation
		assertThat(this.users.calls).containsExactly("reviews {}",
				"accounts {representations=[{__typename=User, id=u1}, {__typename=User, id=u2}]}",
				"orgs {representations=[{__typename=Organization, id=o1}]}");
	}

	@Test
	void eachSubgraphGetsTheKeyItKnowsTheEntityBy() {
		String query = "{ products { name inStock price } }";
		// catalog has both keys; inventory knows products by sku, pricing by upc
		assertPlan(this.products.supergraph(), query, """
				QueryPlan {
				  Sequence {
				    Fetch(service: "catalog") {
				      { products { name __typename sku upc } }
				    }
				    Parallel {
				      Flatten(path: "products") {
				        Fetch(service: "inventory") {
				          { ... on Product { __typename sku } } =>
				          { ... on Product { inStock } }
				        }
				      }
				      Flatten(path: "products") {
				        Fetch(service: "pricing") {
				          { ... on Product { __typename upc } } =>
				          { ... on Product { price } }
				        }
				      }
				    }
				  }
				}
				""");

		assertThat(this.products.run(this.products.router(), query, Map.of())).isEqualTo(
				"""
						{"data":{"products":[{"name":"Kettle","inStock":true,"price":30}]},"extensions":{"subgraphCalls":3}}""");
		assertThat(this.products.calls).containsExactlyInAnyOrder("catalog {}",
				"inventory {representations=[{__typename=Product, sku=s1}]}",
				"pricing {representations=[{__typename=Product, upc=p1}]}");
	}

	@Test
	void aCompoundKeySendsAllItsFields() {
		assertPlan(SEATS, "{ seats { number window meal } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "flights") {
				      { seats { number window __typename flight } }
				    }
				    Flatten(path: "seats") {
				      Fetch(service: "meals") {
				        { ... on Seat { __typename flight number } } =>
				        { ... on Seat { meal } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void aNestedKeySendsTheKeyFieldsOfTheObjectsInside() {
		assertPlan(MEMBERSHIPS, "{ members { since seat } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "members") {
				      { members { since __typename user { __typename id } organization { __typename id } } }
				    }
				    Flatten(path: "members") {
				      Fetch(service: "billing") {
				        { ... on Member { __typename user { id } organization { id } } } =>
				        { ... on Member { seat } }
				      }
				    }
				  }
				}
				""");
	}

}
