package dev.skillpath.router.planning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillpath.router.Router;
import dev.skillpath.router.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import static dev.skillpath.router.planning.PlanFixtures.assertPlan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @requires}: the required fields go into the representation. They are fetched
 * with the parent when its subgraph resolves them, otherwise first, by entity fetches
 * that the requiring fetch waits for: nested field sets, fields from a third subgraph,
 * chains of requires and required fields of entities inside the entity.
 */
class RequiresPlanningTest {

	static final String CATALOG = """
			type Query { products: [Product!]! product(upc: String!): Product }
			type Product @key(fields: "upc") {
			  upc: String! name: String! weight: Int dimensions: Dimensions seller: Seller
			}
			type Dimensions @shareable { width: Int height: Int }
			type Seller @key(fields: "id") { id: ID! }
			""";

	static final String PRICING = """
			type Product @key(fields: "upc") {
			  upc: String! price: Int! currency: String!
			  weight: Int @external
			  discounted: Int @requires(fields: "weight")
			}
			""";

	static final String SHIPPING = """
			type Product @key(fields: "upc") {
			  upc: String!
			  weight: Int @external
			  dimensions: Dimensions @external
			  price: Int! @external
			  discounted: Int @external
			  seller: Seller @external
			  estimate: Int @requires(fields: "weight")
			  boxSize: String @requires(fields: "dimensions { width height }")
			  insurance: Int @requires(fields: "price")
			  premium(express: Boolean): Int @requires(fields: "discounted")
			  sellerScore: Int @requires(fields: "seller { rating }")
			}
			type Dimensions @shareable { width: Int height: Int }
			type Seller @key(fields: "id") { id: ID! rating: Int @external }
			""";

	static final String RATINGS = """
			type Seller @key(fields: "id") { id: ID! rating: Int }
			""";

	final TestSubgraphs subgraphs = new TestSubgraphs().add("catalog", CATALOG, (wiring) -> {
		Map<String, Object> kettle = Map.of("__typename", "Product", "upc", "p1", "name", "Kettle", "weight", 2,
				"dimensions", Map.of("width", 10, "height", 20), "seller", Map.of("__typename", "Seller", "id", "s1"));
		wiring.query("products", List.of(kettle)).field("Query", "product", (env) -> kettle);
	}).add("pricing", PRICING, (wiring) -> wiring.entity("Product", (representation) -> {
		Map<String, Object> product = new LinkedHashMap<>(representation);
		product.put("price", 30);
		product.put("currency", "EUR");
		if (representation.get("weight") instanceof Integer weight) {
			product.put("discounted", 30 - weight);
		}
		return product;
	})).add("shipping", SHIPPING, (wiring) -> wiring.entity("Product", (representation) -> {
		// answers what its representation allows: each required field is checked here
		Map<String, Object> product = new LinkedHashMap<>(representation);
		if (representation.get("weight") instanceof Integer weight) {
			product.put("estimate", 5 * weight);
		}
		if (representation.get("dimensions") instanceof Map<?, ?> dimensions) {
			product.put("boxSize", dimensions.get("width") + "x" + dimensions.get("height"));
		}
		if (representation.get("price") instanceof Integer price) {
			product.put("insurance", price / 10);
		}
		return product;
	})).add("ratings", RATINGS);

	final Supergraph supergraph = this.subgraphs.supergraph();

	final Router router = this.subgraphs.router();

	@Test
	void fieldsThatTheParentSubgraphResolvesAreFetchedWithTheParentAndSentInTheRepresentation() {
		String query = "{ products { name estimate } }";
		assertPlan(this.supergraph, query, """
				QueryPlan {
				  Sequence {
				    Fetch(service: "catalog") {
				      { products { name __typename upc weight } }
				    }
				    Flatten(path: "products") {
				      Fetch(service: "shipping") {
				        { ... on Product { __typename upc weight } } =>
				        { ... on Product { estimate } }
				      }
				    }
				  }
				}
				""");

		assertThat(this.subgraphs.run(this.router, query, Map.of())).isEqualTo("""
				{"data":{"products":[{"name":"Kettle","estimate":10}]},"extensions":{"subgraphCalls":2}}""");
		assertThat(this.subgraphs.calls).containsExactly("catalog {}",
				"shipping {representations=[{__typename=Product, upc=p1, weight=2}]}");
	}

	@Test
	void nestedRequiredFieldsAreSentAsTheirFieldSetSays() {
		String query = "{ products { boxSize } }";
		assertPlan(this.supergraph, query, """
				QueryPlan {
				  Sequence {
				    Fetch(service: "catalog") {
				      { products { __typename upc dimensions { __typename width height } } }
				    }
				    Flatten(path: "products") {
				      Fetch(service: "shipping") {
				        { ... on Product { __typename upc dimensions { width height } } } =>
				        { ... on Product { boxSize } }
				      }
				    }
				  }
				}
				""");

		assertThat(this.subgraphs.run(this.router, query, Map.of())).isEqualTo("""
				{"data":{"products":[{"boxSize":"10x20"}]},"extensions":{"subgraphCalls":2}}""");
		// the typename fetched inside dimensions is not part of the field set
		assertThat(this.subgraphs.calls).containsExactly("catalog {}",
				"shipping {representations=[{__typename=Product, dimensions={height=20, width=10}, upc=p1}]}");
	}

	@Test
	void aRequiredFieldOfAThirdSubgraphIsFetchedBeforeTheFieldThatRequiresIt() {
		String query = "{ products { insurance } }";
		assertPlan(this.supergraph, query, """
				QueryPlan {
				  Sequence {
				    Fetch(service: "catalog") {
				      { products { __typename upc } }
				    }
				    Flatten(path: "products") {
				      Fetch(service: "pricing") {
				        { ... on Product { __typename upc } } =>
				        { ... on Product { price } }
				      }
				    }
				    Flatten(path: "products") {
				      Fetch(service: "shipping") {
				        { ... on Product { __typename upc price } } =>
				        { ... on Product { insurance } }
				      }
				    }
				  }
				}
				""");

		assertThat(this.subgraphs.run(this.router, query, Map.of())).isEqualTo("""
				{"data":{"products":[{"insurance":3}]},"extensions":{"subgraphCalls":3}}""");
		assertThat(this.subgraphs.calls).containsExactly("catalog {}",
				"pricing {representations=[{__typename=Product, upc=p1}]}",
				"shipping {representations=[{__typename=Product, price=30, upc=p1}]}");
	}

	@Test
	void aFetchWaitsOnlyForTheFetchesItsRequiredFieldsComeFrom() {
		// currency and price both come from pricing, in two fetches: only the one of
		// price is waited for (one fetch would do; the planner does not merge them)
		assertPlan(this.supergraph, "{ products { currency insurance } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "catalog") {
				      { products { __typename upc } }
				    }
				    Parallel {
				      Flatten(path: "products") {
				        Fetch(service: "pricing") {
				          { ... on Product { __typename upc } } =>
				          { ... on Product { currency } }
				        }
				      }
				      Sequence {
				        Flatten(path: "products") {
				          Fetch(service: "pricing") {
				            { ... on Product { __typename upc } } =>
				            { ... on Product { price } }
				          }
				        }
				        Flatten(path: "products") {
				          Fetch(service: "shipping") {
				            { ... on Product { __typename upc price } } =>
				            { ... on Product { insurance } }
				          }
				        }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void fieldsOfOneSubgraphShareAFetchWhateverTheyRequire() {
		assertPlan(this.supergraph, "{ product(upc: \"p1\") { estimate insurance } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "catalog") {
				      { product(upc: "p1") { __typename upc weight } }
				    }
				    Flatten(path: "product") {
				      Fetch(service: "pricing") {
				        { ... on Product { __typename upc } } =>
				        { ... on Product { price } }
				      }
				    }
				    Flatten(path: "product") {
				      Fetch(service: "shipping") {
				        { ... on Product { __typename upc weight price } } =>
				        { ... on Product { estimate insurance } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void aRequiredFieldThatRequiresAnotherIsFetchedAfterItInTurn() {
		// premium requires discounted (pricing), which requires weight (catalog)
		assertPlan(this.supergraph, "query($express: Boolean) { products { premium(express: $express) } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "catalog") {
				      { products { __typename upc weight } }
				    }
				    Flatten(path: "products") {
				      Fetch(service: "pricing") {
				        { ... on Product { __typename upc weight } } =>
				        { ... on Product { discounted } }
				      }
				    }
				    Flatten(path: "products") {
				      Fetch(service: "shipping", variables: [$express]) {
				        { ... on Product { __typename upc discounted } } =>
				        { ... on Product { premium(express: $express) } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void aRequiredFieldOfAnEntityInsideIsFetchedAtItsOwnPath() {
		assertPlan(this.supergraph, "{ products { sellerScore } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "catalog") {
				      { products { __typename upc seller { __typename id } } }
				    }
				    Flatten(path: "products.seller") {
				      Fetch(service: "ratings") {
				        { ... on Seller { __typename id } } =>
				        { ... on Seller { rating } }
				      }
				    }
				    Flatten(path: "products") {
				      Fetch(service: "shipping") {
				        { ... on Product { __typename upc seller { rating } } } =>
				        { ... on Product { sellerScore } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void aFieldRequiringFieldsOfAnotherSubgraphIsFetchedThroughItsOwnSubgraphsKeyEvenFromThere() {
		Supergraph supergraph = PlanFixtures.compose(PlanFixtures.subgraph("posts", """
				type Query { feed: [Post] }
				type Post @key(fields: "id") { id: ID! byNovice: Boolean! @external
				  byExpert: Boolean! @requires(fields: "byNovice") }
				"""), PlanFixtures.subgraph("authors", """
				type Post @key(fields: "id") { id: ID! byNovice: Boolean! }
				"""));
		assertPlan(supergraph, "{ feed { byExpert } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "posts") {
				      { feed { __typename id } }
				    }
				    Flatten(path: "feed") {
				      Fetch(service: "authors") {
				        { ... on Post { __typename id } } =>
				        { ... on Post { byNovice } }
				      }
				    }
				    Flatten(path: "feed") {
				      Fetch(service: "posts") {
				        { ... on Post { __typename id byNovice } } =>
				        { ... on Post { byExpert } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void aRequiredSelectionWithFragmentsIsPlannedWithThem() {
		Supergraph supergraph = PlanFixtures.compose(PlanFixtures.subgraph("entities", """
				type Query { entity: Entity }
				type Entity @key(fields: "id") { id: ID! data: Foo }
				interface Foo { foo: String! }
				type Baz implements Foo @shareable { foo: String! baz: String! }
				type Qux implements Foo @shareable { foo: String! qux: String! }
				"""), PlanFixtures.subgraph("requirer", """
				type Entity @key(fields: "id") { id: ID! data: Foo @external
				  requirer: String! @requires(fields: "data { foo ... on Baz { baz } }") }
				interface Foo { foo: String! }
				type Baz implements Foo @shareable { foo: String! baz: String! }
				type Qux implements Foo @shareable { foo: String! qux: String! }
				"""));
		assertPlan(supergraph, "{ entity { requirer } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "entities") {
				      { entity { __typename id data { __typename foo ... on Baz { __typename baz } } } }
				    }
				    Flatten(path: "entity") {
				      Fetch(service: "requirer") {
				        { ... on Entity { __typename id data { foo ... on Baz { baz } } } } =>
				        { ... on Entity { requirer } }
				      }
				    }
				  }
				}
				""");
	}

}
