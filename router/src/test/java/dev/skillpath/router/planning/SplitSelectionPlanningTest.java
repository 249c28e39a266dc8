package dev.skillpath.router.planning;

import dev.skillpath.router.supergraph.JoinSpecLoader;
import dev.skillpath.router.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import static dev.skillpath.router.planning.PlanFixtures.assertPlan;
import static dev.skillpath.router.planning.PlanFixtures.compose;
import static dev.skillpath.router.planning.PlanFixtures.subgraph;

/**
 * A field that several subgraphs resolve, whose selection no one of them can answer in
 * full because the type below has no key to fetch the rest by: the selection is split,
 * each part sent with the field to a subgraph that can answer it (again from the root, or
 * through the key of the parent entity), and the answers merge into one object.
 */
class SplitSelectionPlanningTest {

	@Test
	void aSharedRootFieldOfAValueTypeIsFetchedFromEachSubgraphForItsPart() {
		Supergraph supergraph = compose(subgraph("names", """
				type Query { product: Product! @shareable }
				type Product { id: ID! @shareable name: String! }
				"""), subgraph("prices", """
				type Query { product: Product! @shareable }
				type Product { id: ID! @shareable price: Int! }
				"""));
		assertPlan(supergraph, "{ product { id name price } }", """
				QueryPlan {
				  Parallel {
				    Fetch(service: "names") {
				      { product { __typename id name } }
				    }
				    Fetch(service: "prices") {
				      { product { __typename price } }
				    }
				  }
				}
				""");
	}

	@Test
	void aValueTypeFieldThatOnlyAnotherSubgraphResolvesComesThroughTheParentEntity() {
		Supergraph supergraph = compose(subgraph("products", """
				type Query { products: [Product!]! }
				type Product @key(fields: "id") { id: ID! category: Category @shareable }
				type Category @key(fields: "id") { id: ID! name: String! @shareable }
				"""), subgraph("details", """
				type Product @key(fields: "id") { id: ID! category: Category @shareable }
				type Category { details: String }
				"""));
		assertPlan(supergraph, "{ products { id category { name details } } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "products") {
				      { products { id category { __typename name } __typename } }
				    }
				    Flatten(path: "products") {
				      Fetch(service: "details") {
				        { ... on Product { __typename id } } =>
				        { ... on Product { category { __typename details } } }
				      }
				    }
				  }
				}
				""");
	}

	/**
	 * {@code Viewer.book} is a {@code Book} in subgraph a and a {@code Media} (Book or
	 * Movie) in b: a fragment on Song or Movie is never valid under it in a.
	 */
	@Test
	void fragmentsOnTypesTheSubgraphsNarrowerFieldTypeExcludesAreNotSent() {
		Supergraph supergraph = JoinSpecLoader
			.load(SupergraphFilePlanningTest.read("narrower-field-type.supergraph.graphql"));
		assertPlan(supergraph,
				"{ viewer { book { ... on Song { title } ... on Movie { title } ... on Book { title } } } }", """
						QueryPlan {
						  Fetch(service: "a") {
						    { viewer { __typename book { __typename ... on Book { __typename title } } } }
						  }
						}
						""");
	}

	/**
	 * Both a and b answer {@code media} in full, b in one request thanks to its
	 * {@code @provides} on the interface (which holds for each member), a with an entity
	 * fetch to c: b it is, and neither is split.
	 */
	@Test
	void aSharedRootFieldGoesToTheSubgraphThatAnswersItInTheFewestRequests() {
		Supergraph supergraph = compose(subgraph("a", """
				type Query { media: Media @shareable }
				interface Media { id: ID! }
				interface Animal { id: ID! }
				type Book implements Media @key(fields: "id") { id: ID! }
				"""), subgraph("b", """
				type Query { media: Media @shareable @provides(fields: "animals { id }") }
				interface Media { id: ID! animals: [Animal] }
				interface Animal { id: ID! }
				type Book implements Media { id: ID! @shareable animals: [Animal] @external }
				type Dog implements Animal { id: ID! @external }
				"""), subgraph("c", """
				interface Animal { id: ID! }
				type Book @key(fields: "id") { id: ID! animals: [Animal] @shareable }
				type Dog implements Animal @key(fields: "id") { id: ID! }
				"""));
		assertPlan(supergraph, "{ media { id animals { id } } }",
				"""
						QueryPlan {
						  Fetch(service: "b") {
						    { media { __typename ... on Book { __typename id animals { __typename ... on Dog { __typename id } } } } }
						  }
						}
						""");
	}

	/**
	 * Neither subgraph that resolves {@code category} answers its whole selection, and
	 * neither can hand Products on to the other: each part goes straight from d to the
	 * one that answers it.
	 */
	@Test
	void aFieldOfAnotherSubgraphIsSplitAcrossTheSubgraphsThatAnswerItsParts() {
		Supergraph supergraph = compose(subgraph("d", """
				type Query { product: Product }
				type Product @key(fields: "id") { id: ID name: String }
				"""), subgraph("a", """
				type Product @key(fields: "id") { id: ID @external category: Category @shareable }
				type Category { details: String }
				"""), subgraph("b", """
				type Product @key(fields: "id") { id: ID @external category: Category @shareable }
				type Category { id: ID @shareable }
				"""));
		assertPlan(supergraph, "{ product { name category { id details } } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "d") {
				      { product { name __typename id } }
				    }
				    Parallel {
				      Flatten(path: "product") {
				        Fetch(service: "b") {
				          { ... on Product { __typename id } } =>
				          { ... on Product { category { __typename id } } }
				        }
				      }
				      Flatten(path: "product") {
				        Fetch(service: "a") {
				          { ... on Product { __typename id } } =>
				          { ... on Product { category { __typename details } } }
				        }
				      }
				    }
				  }
				}
				""");
	}

}
