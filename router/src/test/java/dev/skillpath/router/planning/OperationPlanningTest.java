package dev.skillpath.router.planning;

import java.util.List;
import java.util.Map;

import dev.skillpath.router.Router;
import dev.skillpath.router.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import static dev.skillpath.router.planning.PlanFixtures.assertPlan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the client's document holds beyond fields: named fragments (inlined) and inline
 * fragments, aliases (which name the paths of entity fetches), variables (sent only to
 * the fetches that use them) and {@code @skip}/{@code @include} (sent with their fields;
 * an entity fetch whose fields are all excluded is not made).
 */
class OperationPlanningTest {

	static final String ACCOUNTS = """
			type Query { me: User user(id: ID!): User }
			type User @key(fields: "id") { id: ID! name: String! email: String }
			""";

	static final String REVIEWS = """
			type User @key(fields: "id") { id: ID! reviews(first: Int = 5): [Review!]! }
			type Review { body: String! stars: Int! }
			""";

	final TestSubgraphs subgraphs = new TestSubgraphs()
		.add("accounts", ACCOUNTS,
				(wiring) -> wiring.query("me", user("1")).field("Query", "user", (env) -> user(env.getArgument("id"))))
		.add("reviews", REVIEWS,
				(wiring) -> wiring
					.entity("User", (representation) -> Map.of("__typename", "User", "id", representation.get("id")))
					.field("User", "reviews",
							(env) -> List.of(Map.of("body", "Clear", "stars", 5), Map.of("body", "Long", "stars", 3))
								.subList(0, Math.min(2, env.<Integer>getArgument("first")))));

	final Supergraph supergraph = this.subgraphs.supergraph();

	final Router router = this.subgraphs.router();

	@Test
	void namedFragmentsAreInlinedAndSplitLikeFields() {
		assertPlan(this.supergraph, """
				query { me { ...Card } }
				fragment Card on User { name reviews { ...Bits } }
				fragment Bits on Review { body }
				""", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "accounts") {
				      { me { __typename ... on User { name __typename id } } }
				    }
				    Flatten(path: "me") {
				      Fetch(service: "reviews") {
				        { ... on User { __typename id } } =>
				        { ... on User { reviews { __typename ... on Review { __typename body } } } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void inlineFragmentsWithAndWithoutATypeConditionAreSplitLikeFields() {
		assertPlan(this.supergraph, "{ me { ... on User { name reviews { body } } ... { email } } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "accounts") {
				      { me { __typename ... on User { name __typename id } ... { __typename email } } }
				    }
				    Flatten(path: "me") {
				      Fetch(service: "reviews") {
				        { ... on User { __typename id } } =>
				        { ... on User { reviews { __typename body } } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void aliasesNameThePathsOfEntityFetches() {
		String query = """
				{ ada: user(id: "1") { fullName: name latest: reviews(first: 1) { body } }
				  bob: user(id: "2") { name } }
				""";
		assertPlan(this.supergraph, query, """
				QueryPlan {
				  Sequence {
				    Fetch(service: "accounts") {
				      { ada: user(id: "1") { fullName: name __typename id } bob: user(id: "2") { __typename name } }
				    }
				    Flatten(path: "ada") {
				      Fetch(service: "reviews") {
				        { ... on User { __typename id } } =>
				        { ... on User { latest: reviews(first: 1) { __typename body } } }
				      }
				    }
				  }
				}
				""");

		assertThat(this.subgraphs.run(this.router, query, Map.of())).isEqualTo("""
				{"data":{"ada":{"fullName":"Ada","latest":[{"body":"Clear"}]},"bob":{"name":"Bob"}},\
				"extensions":{"subgraphCalls":2}}""");
		assertThat(this.subgraphs.calls).containsExactly("accounts {}",
				"reviews {representations=[{__typename=User, id=1}]}");
	}

	@Test
	void oneFieldUnderTwoAliasesIsFetchedInOneRequest() {
		assertPlan(this.supergraph, "{ me { latest: reviews(first: 1) { body } all: reviews { stars } } }",
				"""
						QueryPlan {
						  Sequence {
						    Fetch(service: "accounts") {
						      { me { __typename id } }
						    }
						    Flatten(path: "me") {
						      Fetch(service: "reviews") {
						        { ... on User { __typename id } } =>
						        { ... on User { latest: reviews(first: 1) { __typename body } all: reviews { __typename stars } } }
						      }
						    }
						  }
						}
						""");
	}

	@Test
	void variablesAreSentOnlyToTheFetchesThatUseThem() {
		String query = "query($id: ID!, $n: Int) { user(id: $id) { name reviews(first: $n) { body } } }";
		assertPlan(this.supergraph, query, """
				QueryPlan {
				  Sequence {
				    Fetch(service: "accounts", variables: [$id]) {
				      { user(id: $id) { name __typename id } }
				    }
				    Flatten(path: "user") {
				      Fetch(service: "reviews", variables: [$n]) {
				        { ... on User { __typename id } } =>
				        { ... on User { reviews(first: $n) { __typename body } } }
				      }
				    }
				  }
				}
				""");

		assertThat(this.subgraphs.run(this.router, query, Map.of("id", "2", "n", 1))).isEqualTo("""
				{"data":{"user":{"name":"Bob","reviews":[{"body":"Clear"}]}},"extensions":{"subgraphCalls":2}}""");
		assertThat(this.subgraphs.calls).containsExactly("accounts {id=2}",
				"reviews {n=1, representations=[{__typename=User, id=2}]}");
	}

	@Test
	void skipAndIncludeGoWithTheirFieldsAndAnEntityFetchOfExcludedFieldsIsNotMade() {
		String query = """
				query($withReviews: Boolean!, $noMail: Boolean = false) {
				  me { name email @skip(if: $noMail) reviews @include(if: $withReviews) { body } }
				}
				""";
		assertPlan(this.supergraph, query, """
				QueryPlan {
				  Sequence {
				    Fetch(service: "accounts", variables: [$noMail]) {
				      { me { name email @skip(if: $noMail) __typename id } }
				    }
				    Flatten(path: "me") {
				      Fetch(service: "reviews", variables: [$withReviews]) {
				        { ... on User { __typename id } } =>
				        { ... on User { reviews @include(if: $withReviews) { __typename body } } }
				      }
				    }
				  }
				}
				""");

		assertThat(this.subgraphs.run(this.router, query, Map.of("withReviews", false, "noMail", true))).isEqualTo("""
				{"data":{"me":{"name":"Ada"}},"extensions":{"subgraphCalls":1}}""");
		assertThat(this.subgraphs.calls).containsExactly("accounts {noMail=true}");
		assertThat(this.subgraphs.run(this.router, query, Map.of("withReviews", true))).isEqualTo("""
				{"data":{"me":{"name":"Ada","email":"1@example.org","reviews":[{"body":"Clear"},{"body":"Long"}]}},\
				"extensions":{"subgraphCalls":2}}""");
		assertThat(this.subgraphs.calls).containsExactly("accounts {noMail=false}",
				"reviews {representations=[{__typename=User, id=1}], withReviews=true}");
	}

	@Test
	void directivesOfAFragmentOnTheRootGoToEachOfItsFields() {
		assertPlan(this.supergraph, "query($x: Boolean!) { ... @include(if: $x) { me { name } } }", """
				QueryPlan {
				  Fetch(service: "accounts", variables: [$x]) {
				    { me @include(if: $x) { __typename name } }
				  }
				}
				""");
	}

	private static Map<String, Object> user(String id) {
		return Map.of("__typename", "User", "id", id, "name", "1".equals(id) ? "Ada" : "Bob", "email",
				id + "@example.org");
	}

}
