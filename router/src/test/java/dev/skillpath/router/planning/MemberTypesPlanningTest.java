package dev.skillpath.router.planning;

import dev.skillpath.router.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import static dev.skillpath.router.planning.PlanFixtures.assertPlan;
import static dev.skillpath.router.planning.PlanFixtures.compose;
import static dev.skillpath.router.planning.PlanFixtures.subgraph;

/**
 * An interface whose fields another subgraph resolves only on its implementations (the
 * interface itself has no key there): the selection is split into one fragment per object
 * type the answering subgraph declares, and each member is fetched through its own key.
 * Fragments on types a subgraph does not know as members are never sent to it.
 */
class MemberTypesPlanningTest {

	final Supergraph supergraph = compose(subgraph("products", """
			type Query { products: [Product] }
			interface Product { id: ID! sku: String reviewsCount: Int! }
			type Book implements Product @key(fields: "id") { id: ID! sku: String reviewsCount: Int! @external }
			type Magazine implements Product @key(fields: "id") { id: ID! sku: String reviewsCount: Int! @external }
			"""), subgraph("reviews", """
			type Book @key(fields: "id") { id: ID! reviewsCount: Int! }
			type Magazine @key(fields: "id") { id: ID! reviewsCount: Int! }
			type Song @key(fields: "id") { id: ID! reviewsCount: Int! }
			"""));

	@Test
	void aFieldResolvedOnlyOnTheImplementationsIsFetchedPerMemberType() {
		assertPlan(this.supergraph, "{ products { sku reviewsCount } }",
				"""
						QueryPlan {
						  Sequence {
						    Fetch(service: "products") {
						      { products { __typename ... on Book { sku __typename id } ... on Magazine { sku __typename id } } }
						    }
						    Parallel {
						      Flatten(path: "products") {
						        Fetch(service: "reviews") {
						          { ... on Book { __typename id } } =>
						          { ... on Book { reviewsCount } }
						        }
						      }
						      Flatten(path: "products") {
						        Fetch(service: "reviews") {
						          { ... on Magazine { __typename id } } =>
						          { ... on Magazine { reviewsCount } }
						        }
						      }
						    }
						  }
						}
						""");
	}

	@Test
	void aSelectionTheSubgraphResolvesForTheInterfaceStaysOnTheInterface() {
		assertPlan(this.supergraph, "{ products { id sku ... on Book { id } } }", """
				QueryPlan {
				  Fetch(service: "products") {
				    { products { __typename id sku ... on Book { __typename id } } }
				  }
				}
				""");
	}

	@Test
	void aFieldNoMemberCanBeFetchedThroughIsAPlanningError() {
		Supergraph noMembers = compose(subgraph("a", """
				type Query { a: Node }
				interface Node @key(fields: "id") { id: ID! }
				"""), subgraph("b", """
				type Node @key(fields: "id", resolvable: false) @interfaceObject { id: ID! field: String }
				"""));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlanFixtures.plan(noMembers, "{ a { field } }"))
			.isInstanceOf(PlanningException.class)
			.hasMessageContaining("Node.field cannot be reached from subgraph a");
	}

}
