package dev.skillpath.router;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.skillpath.router.execution.RequestContext;
import dev.skillpath.router.supergraph.CompositionException;
import dev.skillpath.router.supergraph.JoinSpecLoader;
import dev.skillpath.router.supergraph.SubgraphComposer;
import dev.skillpath.router.supergraph.SubgraphComposer.SubgraphSchema;
import dev.skillpath.router.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The two ways to get a supergraph: a join-spec file written by Apollo's composition
 * library (src/test/compose) and our own composition of subgraph SDLs. Both must plan and
 * answer alike, and composition problems must name the subgraph, the type and the field.
 */
class SupergraphSourcesTest {

	static final List<String> QUERIES = List.of(RouterTest.SIGNATURE,
			"{ featured { __typename ... on Skill { name myStatus difficulty } ... on Course { title } } }",
			"{ jobs { topSkill { name } requiredSkills { name category } } }",
			"{ learner(org: \"acme\", login: \"ada\") { id streak matchingJobs(first: 3) { title } } }");

	@Test
	void aSupergraphComposedByApolloAnswersLikeOurOwnComposition() {
		FixtureSubgraphs fixtures = new FixtureSubgraphs();
		Supergraph fromFile = JoinSpecLoader.load(FixtureSubgraphs.read("/fixtures/supergraph.graphql"));
		Router apollo = new Router(fromFile, fixtures, 10);
		Router ours = fixtures.router();
		assertThat(fromFile.subgraphUrls()).containsOnlyKeys("catalog", "learners", "jobs");
		for (String query : QUERIES) {
			fixtures.calls.clear();
			Map<String, Object> viaFile = apollo
				.execute(new Router.Request(query, null, Map.of()), RequestContext.EMPTY)
				.block(Duration.ofSeconds(10));
			List<String> fileCalls = fixtures.calls.stream().map(FixtureSubgraphs.Call::subgraph).toList();
			fixtures.calls.clear();
			Map<String, Object> viaComposer = ours
				.execute(new Router.Request(query, null, Map.of()), RequestContext.EMPTY)
				.block(Duration.ofSeconds(10));
			assertThat(viaFile).as(query).doesNotContainKey("errors");
			assertThat(viaFile.get("data")).as(query).isEqualTo(viaComposer.get("data"));
			// same requests; independent fetches run in parallel, so their order may
			// differ
			assertThat(fileCalls).as(query)
				.containsExactlyInAnyOrderElementsOf(
						fixtures.calls.stream().map(FixtureSubgraphs.Call::subgraph).toList());
		}
	}

	@Test
	void urlsInTheFileCanBeReplaced() {
		Supergraph supergraph = JoinSpecLoader.load(FixtureSubgraphs.read("/fixtures/supergraph.graphql"),
				Map.of("jobs", "http://jobs.internal/graphql"));
		assertThat(supergraph.subgraphUrls()).containsEntry("jobs", "http://jobs.internal/graphql")
			.containsEntry("catalog", "fixture://catalog");
	}

	@Test
	void aFieldResolvedByTwoSubgraphsWithoutShareableIsRefusedNamingBoth() {
		assertThatExceptionOfType(CompositionException.class)
			.isThrownBy(() -> SubgraphComposer
				.compose(List.of(subgraph("a", "type Query { a: Info } type Info { text: String }"),
						subgraph("b", "type Query { b: Info } type Info { text: String }"))))
			.satisfies((ex) -> assertThat(ex.problems())
				.anySatisfy((problem) -> assertThat(problem).contains("Info.text", "a", "b", "@shareable")));
	}

	@Test
	void anInterfaceDeclaredInTwoSubgraphsNeedsNoShareable() {
		Supergraph supergraph = SubgraphComposer.compose(List.of(
				subgraph("a",
						"type Query { node: Node } interface Node { id: ID! } type A implements Node { id: ID! }"),
				subgraph("b",
						"type Query { nodes: [Node] } interface Node { id: ID! } type B implements Node { id: ID! }")));
		assertThat(supergraph.type("Node").fields()).containsKey("id");
	}

	@Test
	void conflictingKindsAndTypesAreRefusedNamingSubgraphTypeAndField() {
		assertThatExceptionOfType(CompositionException.class)
			.isThrownBy(() -> SubgraphComposer
				.compose(List.of(subgraph("a", "type Query { a: Thing } type Thing @shareable { size: Int }"),
						subgraph("b", "type Query { b: Thing } interface Thing { size: Int }"))))
			.satisfies((ex) -> assertThat(ex.problems())
				.anySatisfy((problem) -> assertThat(problem).contains("subgraph b", "Thing", "interface", "object")));
		assertThatExceptionOfType(CompositionException.class)
			.isThrownBy(() -> SubgraphComposer
				.compose(List.of(subgraph("a", "type Query { a: Thing } type Thing @shareable { size: Int }"),
						subgraph("b", "type Query { b: Thing } type Thing @shareable { size: String }"))))
			.satisfies((ex) -> assertThat(ex.problems())
				.anySatisfy((problem) -> assertThat(problem).contains("Thing.size", "a=Int", "b=String")));
	}

	@Test
	void requiresNamingAnUnknownFieldIsRefused() {
		assertThatExceptionOfType(CompositionException.class)
			.isThrownBy(() -> SubgraphComposer.compose(List.of(
					subgraph("a", "type Query { u: User } type User @key(fields: \"id\") { id: ID! name: String }"),
					subgraph("b",
							"type User @key(fields: \"id\") { id: ID! nick: String @external "
									+ "greeting: String @requires(fields: \"nick\") }"))))
			.satisfies((ex) -> assertThat(ex.problems())
				.anySatisfy((problem) -> assertThat(problem).contains("User.nick", "@external", "b")));
	}

	@Test
	void providedFieldsMustBeShareableWhereTheyAreResolved() {
		String catalog = FixtureSubgraphs.read("/fixtures/catalog.graphqls")
			.replace("name: String! @shareable\n  category", "name: String!\n  category");
		assertThatExceptionOfType(CompositionException.class)
			.isThrownBy(() -> SubgraphComposer.compose(List.of(new SubgraphSchema("catalog", "x", catalog),
					new SubgraphSchema("jobs", "x", FixtureSubgraphs.read("/fixtures/jobs.graphqls")),
					new SubgraphSchema("learners", "x", FixtureSubgraphs.read("/fixtures/learners.graphqls")))))
			.satisfies((ex) -> assertThat(ex.problems())
				.anySatisfy((problem) -> assertThat(problem).contains("Skill.name", "@provides", "jobs", "catalog")));
	}

	private static SubgraphSchema subgraph(String name, String sdl) {
		return new SubgraphSchema(name, "http://" + name,
				"extend schema @link(url: \"https://specs.apollo.dev/federation/v2.7\", import: [\"@key\", \"@shareable\", \"@external\", \"@requires\"])\n"
						+ sdl);
	}

}
