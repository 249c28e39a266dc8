package dev.skillpath.router;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.skillpath.router.execution.GraphQlError;
import dev.skillpath.router.execution.RequestContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each limit refuses its operation with a clear error, before any subgraph is called. */
class OperationLimitsTest {

	final FixtureSubgraphs fixtures = new FixtureSubgraphs();

	final Router router = new Router(this.fixtures.compose(), this.fixtures, 10,
			new OperationLimits(5, 3, 3, 4, 500, 200, 10, false));

	Map<String, Object> refusal(String query) {
		return refusal(this.router, query);
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> refusal(Router router, String query) {
		Map<String, Object> response = router.execute(new Router.Request(query, null, Map.of()), RequestContext.EMPTY)
			.block(Duration.ofSeconds(10));
		assertThat(this.fixtures.calls).as("no subgraph is called").isEmpty();
		assertThat(response).doesNotContainKey("data");
		List<Map<String, Object>> errors = (List<Map<String, Object>>) response.get("errors");
		assertThat(errors).isNotEmpty();
		return errors.get(0);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> extensions(Map<String, Object> error) {
		return (Map<String, Object>) error.get("extensions");
	}

	@Test
	void depth() {
		Router shallow = new Router(this.fixtures.compose(), this.fixtures, 10,
				new OperationLimits(3, 30, 30, 30, 50_000, 2000, 10, true));
		Map<String, Object> error = refusal(shallow, "{ me { matchingJobs(first: 1) { requiredSkills { name } } } }");
		assertThat(extensions(error)).containsEntry("code", "OPERATION_LIMIT_EXCEEDED")
			.containsEntry("limit", "depth")
			.containsEntry("max", 3L)
			.containsEntry("actual", 4L);
		assertThat(error.get("message").toString()).contains("the limit is 3");
	}

	@Test
	void aliasOverloading() {
		assertThat(extensions(refusal("{ a: skills { id } b: skills { id } c: skills { id } d: skills { id } }")))
			.containsEntry("limit", "aliases");
	}

	@Test
	void rootFields() {
		assertThat(extensions(refusal("{ skills { id } jobs { id } featured { __typename } nodes { id } }")))
			.containsEntry("limit", "rootFields");
	}

	@Test
	void directiveOverloading() {
		assertThat(extensions(refusal(
				"{ skills { id @skip(if: false) name @skip(if: false) category @skip(if: false) a: id @skip(if: false) b: name @include(if: true) } }")))
			.containsEntry("limit", "directives");
	}

	@Test
	void costOfNestedLists() {
		// 100 jobs x (1 + 10 skills x 1 field) exceeds 500
		assertThat(extensions(refusal("{ me { matchingJobs(first: 100) { requiredSkills { id } } } }")))
			.containsEntry("limit", "cost");
	}

	@Test
	void aConnectionsPageSizeMultipliesItsEdges() {
		var supergraph = dev.skillpath.router.supergraph.SubgraphComposer.compose(
				List.of(new dev.skillpath.router.supergraph.SubgraphComposer.SubgraphSchema("items", "http://items", """
						type Query { items(first: Int): ItemConnection! }
						type ItemConnection { edges: [ItemEdge!]! }
						type ItemEdge { node: Item! }
						type Item { id: ID! name: String! }
						""")));
		Router items = new Router(supergraph,
				(subgraph, url, document, variables, context) -> reactor.core.publisher.Mono
					.just(Map.of("data", Map.of("items", Map.of("edges", List.of())))),
				10, new OperationLimits(10, 10, 10, 10, 500, 2000, 10, true));
		Map<String, Object> big = items
			.execute(new Router.Request("{ items(first: 1000) { edges { node { id name } } } }", null, Map.of()),
					RequestContext.EMPTY)
			.block(Duration.ofSeconds(5));
		assertThat(big.get("errors").toString()).contains("limit=cost");
		Map<String, Object> small = items
			.execute(new Router.Request("{ items(first: 20) { edges { node { id name } } } }", null, Map.of()),
					RequestContext.EMPTY)
			.block(Duration.ofSeconds(5));
		assertThat(small).doesNotContainKey("errors");

		// a page size given as a variable costs what the variable asks for, checked per
		// request on the cached plan
		String byVariable = "query Items($n: Int) { items(first: $n) { edges { node { id name } } } }";
		Map<String, Object> hugeVariable = items
			.execute(new Router.Request(byVariable, null, Map.of("n", 1000)), RequestContext.EMPTY)
			.block(Duration.ofSeconds(5));
		assertThat(hugeVariable.get("errors").toString()).contains("limit=cost");
		Map<String, Object> smallVariable = items
			.execute(new Router.Request(byVariable, null, Map.of("n", 20)), RequestContext.EMPTY)
			.block(Duration.ofSeconds(5));
		assertThat(smallVariable).doesNotContainKey("errors");
		Map<String, Object> hugeDefault = items
			.execute(new Router.Request(
					"query Items($n: Int = 1000) { items(first: $n) { edges { node { id name } } } }", null, Map.of()),
					RequestContext.EMPTY)
			.block(Duration.ofSeconds(5));
		assertThat(hugeDefault.get("errors").toString()).contains("limit=cost");
	}

	@Test
	void aBatchIsHeldToTheCostLimitOfOneRequest() {
		OperationLimits limits = new OperationLimits(5, 3, 3, 4, 500, 200, 10, false);
		var literal = this.router.prepare("{ me { matchingJobs(first: 30) { requiredSkills { id } } } }", null);
		long one = limits.cost(literal.plan().operation(), this.router.supergraph(), null);
		assertThat(one).isBetween(251L, 500L);
		// a page size given as a variable costs what the request asks for, its default
		// when left out
		var byVariable = this.router
			.prepare("query M($n: Int! = 30) { me { matchingJobs(first: $n) { requiredSkills { id } } } }", null);
		assertThat(limits.cost(byVariable.plan().operation(), this.router.supergraph(), Map.of())).isEqualTo(one);
		assertThat(limits.cost(byVariable.plan().operation(), this.router.supergraph(), Map.of("n", 60)))
			.isGreaterThan(one);

		assertThat(limits.checkBatchCost(List.of(one, 1L))).isNull();
		GraphQlError refused = limits.checkBatchCost(List.of(one, one));
		assertThat(refused.extensions()).containsEntry("code", "OPERATION_LIMIT_EXCEEDED")
			.containsEntry("limit", "batchCost")
			.containsEntry("max", 500L)
			.containsEntry("actual", 2 * one);
		assertThat(limits.checkBatchCost(List.of(Long.MAX_VALUE, one)).extensions()).containsEntry("actual",
				Long.MAX_VALUE);
		assertThat(this.fixtures.calls).as("no subgraph is called").isEmpty();
	}

	@Test
	void hugeNestedPageSizesCannotWrapTheCostAround() {
		var supergraph = dev.skillpath.router.supergraph.SubgraphComposer.compose(
				List.of(new dev.skillpath.router.supergraph.SubgraphComposer.SubgraphSchema("items", "http://items", """
						type Query { items(first: Int): [Item!]! }
						type Item { id: ID! children(first: Int): [Item!]! }
						""")));
		Router items = new Router(supergraph,
				(subgraph, url, document, variables, context) -> reactor.core.publisher.Mono
					.just(Map.of("data", Map.of("items", List.of()))),
				10, new OperationLimits(10, 10, 10, 10, 500, 2000, 10, true));
		// (2^31 - 1)^3 does not fit a long: unchecked, it wraps to a cost below the limit
		String max = "2147483647";
		Map<String, Object> response = items
			.execute(new Router.Request("{ items(first: " + max + ") { children(first: " + max + ") { children(first: "
					+ max + ") { id } } } }", null, Map.of()), RequestContext.EMPTY)
			.block(Duration.ofSeconds(5));
		assertThat(response.get("errors").toString()).contains("limit=cost").contains("actual=" + Long.MAX_VALUE);
	}

	@Test
	void tokens() {
		String many = "{ skills { " + "id ".repeat(300) + "} }";
		assertThat(extensions(refusal(many))).containsEntry("code", "GRAPHQL_PARSE_FAILED");
	}

	@Test
	void introspectionWhenOff() {
		assertThat(extensions(refusal("{ __schema { types { name } } }"))).containsEntry("code",
				"INTROSPECTION_DISABLED");
	}

	@Test
	void circularFragmentsAreRefusedByValidation() {
		assertThat(extensions(
				refusal("{ skills { ...A } } fragment A on Skill { id ...B } fragment B on Skill { name ...A }")))
			.containsEntry("code", "GRAPHQL_VALIDATION_FAILED");
	}

	@Test
	void withinLimitsTheOperationRuns() {
		Map<String, Object> response = this.router
			.execute(new Router.Request("{ skills { id name } }", null, Map.of()), RequestContext.EMPTY)
			.block(Duration.ofSeconds(10));
		assertThat(response).doesNotContainKey("errors");
	}

}
