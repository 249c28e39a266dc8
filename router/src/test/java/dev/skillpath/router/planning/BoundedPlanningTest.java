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
 * {@code @external} is not its to send (no cycle of keys), and an operation that would
 * need more fetches than {@link 1000} is refused with a planning error instead of making
 * the planner work (or recurse) without bound.
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

	/**
	 * Subgraph a marks the key of Chat {@code @external}: it cannot send it, so no key
	 * leads from a to b's Chat fields, and planning ends with an error that says so (as
	 * Apollo's planner does for such a supergraph), not in a cycle.
	 */
	@Test
	void anExternalKeyFieldCannotBeSentAndPlanningEndsWithAnError() {
		assertThatExceptionOfType(PlanningException.class).isThrownBy(() -> plan(CROSSED_KEYS, "{ chats { id text } }"))
			.withMessageContaining("Cannot fetch Chat fields [id, text] from subgraph b")
			.withMessageContaining("that subgraph a can provide")
			.extracting(PlanningException::code)
			.isEqualTo("QUERY_PLANNING_FAILED");
		assertThat(plan(CROSSED_KEYS, "{ chat(id: \"c1\") { id text account { username } } }").print()).isEqualTo("""
				QueryPlan {
				  Sequence {
				    Fetch(service: "b") {
				      { chat(id: "c1") { id text __typename } }
				    }
				    Flatten(path: "chat") {
				      Fetch(service: "a") {
				        { ... on Chat { __typename id } } =>
				        { ... on Chat { account { __typename username } } }
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
			.withMessageContaining("more than " + QueryPlanner.MAX_FETCHES + " subgraph fetches")
			.extracting(PlanningException::code)
			.isEqualTo("BAD_USER_INPUT");
	}

}
