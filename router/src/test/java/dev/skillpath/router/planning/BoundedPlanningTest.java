package dev.skillpath.router.planning;

import dev.skillpath.router.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import static dev.skillpath.router.planning.PlanFixtures.compose;
import static dev.skillpath.router.planning.PlanFixtures.plan;
import static dev.skillpath.router.planning.PlanFixtures.subgraph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Planning ends, whatever the document and the supergraph: a key a subgraph marks
 * {@code @external} is still its own to send, and an operation that would need more
 * fetches than {@link 1000} is refused with a planning error instead of making the
 * planner work (or recurse) without bound.
 */
class BoundedPlanningTest {

	/**
	 * Each subgraph marks the other's entity key @external: a cycle if keys were fetched.
	 */
	static final Supergraph CROSSED_KEYS = compose(subgraph("a", """
			type Query { chats: [Chat!]! }
			type Account @key(fields: "id") { id: ID! username: String! }
			type Chat @key(fields: "id") { id: ID! @external account: Account! }
			"""), subgraph("b", """
			type Query { chat(id: ID!): Chat }
			type Account @key(fields: "id") { id: ID! @external chats: [Chat!]! }
			type Chat @key(fields: "id") { id: ID! text: String! }
			"""));

	@Test
	void anExternalKeyFieldIsSentByItsOwnSubgraphNotFetchedInACycle() {
		QueryPlan plan = plan(CROSSED_KEYS, "{ chats { id text } }");
		assertThat(plan.print()).isEqualTo("""
				QueryPlan {
				  Sequence {
				    Fetch(service: "a") {
				      { chats { __typename id } }
				    }
				    Flatten(path: "chats") {
				      Fetch(service: "b") {
				        { ... on Chat { __typename id } } =>
				        { ... on Chat { id text } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void anOperationNeedingMoreFetchesThanTheBoundIsRefused() {
		StringBuilder query = new StringBuilder("{");
		for (int i = 0; i <= QueryPlanner.MAX_FETCHES; i++) {
			query.append(" c").append(i).append(": chat(id: \"c").append(i).append("\") { account { username } }");
		}
		String document = query.append(" }").toString();
		assertThatExceptionOfType(PlanningException.class).isThrownBy(() -> plan(CROSSED_KEYS, document))
			.withMessageContaining("more than " + QueryPlanner.MAX_FETCHES + " subgraph fetches");
	}

}
