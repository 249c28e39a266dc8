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
 * Entities at list paths, lists inside lists included, are fetched with one
 * {@code _entities} field per fetch, each distinct representation sent once, and fetches
 * to one subgraph that are ready together share one request: the number of requests
 * depends on the query, never on how much data there is.
 */
class BatchingPlanningTest {

	static final String POSTS = """
			type Query { posts: [Post!]! }
			type Post { title: String! author: User! comments: [Comment!]! }
			type Comment { text: String! author: User! }
			type User @key(fields: "id", resolvable: false) { id: ID! }
			""";

	static final String ACCOUNTS = """
			type User @key(fields: "id") { id: ID! name: String! }
			""";

	static final String QUERY = "{ posts { title author { name } comments { text author { name } } } }";

	int postCount = 2;

	final TestSubgraphs subgraphs = new TestSubgraphs()
		.add("posts", POSTS, (wiring) -> wiring.field("Query", "posts", (env) -> {
			List<Map<String, Object>> posts = new ArrayList<>();
			for (int i = 1; i <= this.postCount; i++) {
				// posts by u1 and u2 in turn, each with a comment by u3 and one by the
				// author
				String author = "u" + (2 - i % 2);
				posts.add(Map.of("title", "Post " + i, "author", user(author), "comments",
						List.of(Map.of("text", "First", "author", user("u3")),
								Map.of("text", "Thanks", "author", user(author)))));
			}
			return posts;
		}))
		.add("accounts", ACCOUNTS, (wiring) -> wiring.entity("User", (representation) -> Map.of("__typename", "User",
				"id", representation.get("id"), "name", "Name of " + representation.get("id"))));

	final Supergraph supergraph = this.subgraphs.supergraph();

	final Router router = this.subgraphs.router();

	@Test
	void entitiesAtAListPathAreFetchedInOneRequestWithEachRepresentationOnce() {
		assertPlan(this.supergraph, QUERY,
				"""
						QueryPlan {
						  Sequence {
						    Fetch(service: "posts") {
						      { posts { __typename title author { __typename id } comments { __typename text author { __typename id } } } }
						    }
						    Parallel {
						      Flatten(path: "posts.author") {
						        Fetch(service: "accounts") {
						          { ... on User { __typename id } } =>
						          { ... on User { name } }
						        }
						      }
						      Flatten(path: "posts.comments.author") {
						        Fetch(service: "accounts") {
						          { ... on User { __typename id } } =>
						          { ... on User { name } }
						        }
						      }
						    }
						  }
						}
						""");

		assertThat(this.subgraphs.run(this.router, QUERY, Map.of())).isEqualTo("""
				{"data":{"posts":[\
				{"title":"Post 1","author":{"name":"Name of u1"},"comments":[\
				{"text":"First","author":{"name":"Name of u3"}},{"text":"Thanks","author":{"name":"Name of u1"}}]},\
				{"title":"Post 2","author":{"name":"Name of u2"},"comments":[\
				{"text":"First","author":{"name":"Name of u3"}},{"text":"Thanks","author":{"name":"Name of u2"}}]}]},\
				"extensions":{"subgraphCalls":2}}""");
		assertThat(this.subgraphs.calls).containsExactly("posts {}",
				"accounts {r0=[{__typename=User, id=u1}, {__typename=User, id=u2}], "
						+ "r1=[{__typename=User, id=u3}, {__typename=User, id=u1}, {__typename=User, id=u2}]}");
	}

	@Test
	void theNumberOfRequestsDependsOnTheQueryNotOnTheData() {
		assertThat(plan(this.supergraph, QUERY).maxFetches()).isEqualTo(3);
		for (int posts : new int[] { 3, 300 }) {
			this.postCount = posts;
			String response = this.subgraphs.run(this.router, QUERY, Map.of());

			assertThat(response).as("%d posts", posts).endsWith("\"extensions\":{\"subgraphCalls\":2}}");
			assertThat(this.subgraphs.calls).as("%d posts", posts)
				.containsExactly("posts {}", "accounts {r0=[{__typename=User, id=u1}, {__typename=User, id=u2}], "
						+ "r1=[{__typename=User, id=u3}, {__typename=User, id=u1}, {__typename=User, id=u2}]}");
		}
	}

	private static Map<String, Object> user(String id) {
		return Map.of("__typename", "User", "id", id);
	}

	/**
	 * Both fetches to accounts share one request; an error in the second one's answer (u3
	 * has no name) is reported at its place in the response, not the first's.
	 */
	@Test
	void anErrorInAJoinedRequestIsReportedAtItsOwnFetchsPath() {
		TestSubgraphs failing = new TestSubgraphs()
			.add("posts", POSTS,
					(wiring) -> wiring.query("posts",
							List.of(Map.of("title", "Post 1", "author", user("u1"), "comments",
									List.of(Map.of("text", "First", "author", user("u3")))))))
			.add("accounts", ACCOUNTS,
					(wiring) -> wiring
						.entity("User",
								(representation) -> Map.of("__typename", "User", "id", representation.get("id")))
						.field("User", "name", (env) -> {
							Map<?, ?> user = env.getSource();
							if ("u3".equals(user.get("id"))) {
								throw new IllegalStateException("no name for u3");
							}
							return "Name of " + user.get("id");
						}));

		String response = failing.run(failing.router(), QUERY, Map.of());

		assertThat(response).contains("\"path\":[\"posts\",0,\"comments\",0,\"author\",\"name\"]")
			.endsWith("\"extensions\":{\"subgraphCalls\":2}}");
		assertThat(failing.calls).hasSize(2);
	}

}
