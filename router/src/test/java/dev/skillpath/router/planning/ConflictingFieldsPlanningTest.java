package dev.skillpath.router.planning;

import dev.skillpath.router.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import static dev.skillpath.router.planning.PlanFixtures.assertPlan;
import static dev.skillpath.router.planning.PlanFixtures.compose;
import static dev.skillpath.router.planning.PlanFixtures.subgraph;

/**
 * Fetch documents that must differ from the client's to be valid in their subgraph: a
 * response key that fragments select with different types there, and fields that
 * {@code @requires} needs with other arguments than the client's or than another
 * {@code @requires}.
 */
class ConflictingFieldsPlanningTest {

	@Test
	void aKeyWithAnotherTypeInTheSubgraphGetsAnAliasOfItsOwn() {
		Supergraph supergraph = compose(subgraph("users", """
				type Query { users: [User!]! }
				type User @key(fields: "id") { id: ID }
				"""), subgraph("accounts", """
				type Query { accounts: [Account!]! }
				union Account = User | Admin
				type User @key(fields: "id") { id: ID! name: String }
				type Admin { id: ID name: String @shareable }
				"""));
		assertPlan(supergraph, "{ accounts { ... on User { id name } ... on Admin { id name } } }",
				"""
						QueryPlan {
						  Fetch(service: "accounts") {
						    { accounts { __typename ... on User { __typename id name } ... on Admin { __typename id__alias_0: id name } } }
						  }
						}
						""");
	}

	@Test
	void requiredFieldsWithOtherArgumentsAreAliasedAndTheirRepresentationsFetchedApart() {
		Supergraph supergraph = compose(subgraph("prices", """
				type Query { products: [Product] }
				type Product @key(fields: "upc") { upc: String! price(currency: String!): Int weight: Int }
				"""), subgraph("shipping", """
				type Product @key(fields: "upc") {
				  upc: String!
				  weight: Int @external
				  price(currency: String!): Int @external
				  shippingUsd: Int @requires(fields: "price(currency: \\"USD\\") weight")
				  shippingEur: Int @requires(fields: "price(currency: \\"EUR\\") weight")
				  shippingUsdFast: Int @requires(fields: "price(currency: \\"USD\\")")
				}
				"""));
		assertPlan(supergraph, "{ products { price(currency: \"EUR\") shippingUsd shippingEur shippingUsdFast } }",
				"""
						QueryPlan {
						  Sequence {
						    Fetch(service: "prices") {
						      { products { price(currency: "EUR") __typename upc price__required_0: price(currency: "USD") weight price__required_1: price(currency: "EUR") } }
						    }
						    Parallel {
						      Flatten(path: "products") {
						        Fetch(service: "shipping") {
						          { ... on Product { __typename upc price__required_0: price(currency: "USD") weight } } =>
						          { ... on Product { shippingUsd shippingUsdFast } }
						        }
						      }
						      Flatten(path: "products") {
						        Fetch(service: "shipping") {
						          { ... on Product { __typename upc price__required_1: price(currency: "EUR") weight } } =>
						          { ... on Product { shippingEur } }
						        }
						      }
						    }
						  }
						}
						""");
	}

	@Test
	void anImplementationsNarrowerObjectTypeIsNoConflict() {
		Supergraph supergraph = compose(subgraph("a", """
				type Query { product: Product }
				interface Product { similar: Product }
				type Book implements Product @key(fields: "id") { id: ID! similar: Book }
				"""));
		assertPlan(supergraph, "{ product { similar { __typename } ... on Book { similar { id } } } }",
				"""
						QueryPlan {
						  Fetch(service: "a") {
						    { product { __typename similar { __typename } ... on Book { __typename similar { __typename id } } } }
						  }
						}
						""");
	}

}
