package dev.skillpath.router;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.skillpath.router.execution.RequestContext;
import dev.skillpath.router.planning.QueryPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Planning and execution over the fixture subgraphs: each federation feature, end to end.
 */
class RouterTest {

	static final String SIGNATURE = """
			{ me { streak completedSkillIds
			       matchingJobs(first: 500) { title company { name } requiredSkills { name myStatus } } } }
			""";

	FixtureSubgraphs fixtures;

	Router router;

	@BeforeEach
	void setUp() {
		this.fixtures = new FixtureSubgraphs();
		this.router = this.fixtures.router();
	}

	Map<String, Object> run(String query) {
		return run(query, Map.of());
	}

	Map<String, Object> run(String query, Map<String, Object> variables) {
		this.fixtures.calls.clear();
		return this.router.execute(new Router.Request(query, null, variables), RequestContext.EMPTY)
			.block(Duration.ofSeconds(10));
	}

	@SuppressWarnings("unchecked")
	static <T> T at(Map<String, Object> response, String... path) {
		Object current = response.get("data");
		for (String key : path) {
			current = current instanceof List<?> list ? list.get(Integer.parseInt(key))
					: ((Map<String, Object>) current).get(key);
		}
		return (T) current;
	}

	@Test
	void crossServiceQueryMakesTheSameFourCallsForTwentyAndForTwoHundredJobs() {
		this.fixtures.jobCount = 20;
		Map<String, Object> twenty = run(SIGNATURE);
		int callsForTwenty = this.fixtures.calls.size();
		this.fixtures.jobCount = 200;
		Map<String, Object> twoHundred = run(SIGNATURE);
		int callsForTwoHundred = this.fixtures.calls.size();

		assertThat(callsForTwenty).isEqualTo(4).isEqualTo(callsForTwoHundred);
		assertThat(twenty).doesNotContainKey("errors");
		List<Map<String, Object>> jobs = at(twoHundred, "me", "matchingJobs");
		assertThat(jobs).hasSize(100); // the even jobs need java and sql, which ada has
										// done
		assertThat(at(twoHundred, "me", "matchingJobs", "0", "requiredSkills", "0", "name").toString())
			.isEqualTo("Java");
		assertThat(at(twoHundred, "me", "matchingJobs", "0", "requiredSkills", "1", "myStatus").toString())
			.isEqualTo("DONE");
	}

	@Test
	void requiresSendsTheRequiredFieldsAndTheKeyTheTargetSubgraphUses() {
		run(SIGNATURE);
		FixtureSubgraphs.Call toJobs = this.fixtures.callsTo("jobs").get(0);
		List<Map<String, Object>> representations = (List<Map<String, Object>>) toJobs.variables()
			.get("representations");
		// jobs knows Learner by its compound key "org login", and requires
		// completedSkillIds
		assertThat(representations).containsExactly(Map.of("__typename", "Learner", "org", "acme", "login", "ada",
				"completedSkillIds", List.of("java", "sql")));
	}

	@Test
	void eachRepresentationIsFetchedOnceAcrossAllJobs() {
		this.fixtures.jobCount = 200;
		run(SIGNATURE);
		// 100 matching jobs each need java and sql: two distinct skills, fetched once
		// each
		assertThat(this.fixtures.callsTo("catalog")).singleElement()
			.satisfies((call) -> assertThat(call.representations()).isEqualTo(2));
		assertThat(this.fixtures.callsTo("learners").get(1).representations()).isEqualTo(2);
	}

	@Test
	void providesLetsTheParentSubgraphAnswerWithoutAnotherFetch() {
		Map<String, Object> response = run("{ jobs { topSkill { name } } }");
		assertThat(this.fixtures.calls).extracting(FixtureSubgraphs.Call::subgraph).containsExactly("jobs");
		assertThat(at(response, "jobs", "0", "topSkill", "name").toString()).isEqualTo("Java (provided by jobs)");
		// without @provides the same field comes from its owner
		Map<String, Object> owned = run("{ jobs { requiredSkills { name } } }");
		assertThat(this.fixtures.calls).extracting(FixtureSubgraphs.Call::subgraph).containsExactly("jobs", "catalog");
		assertThat(at(owned, "jobs", "0", "requiredSkills", "0", "name").toString()).isEqualTo("Java");
	}

	@Test
	void overrideMovesTheFieldToTheOverridingSubgraph() {
		Map<String, Object> response = run("{ skill(id: \"go\") { difficulty } }");
		assertThat(at(response, "skill", "difficulty").toString()).isEqualTo("5");
		assertThat(this.fixtures.calls).extracting(FixtureSubgraphs.Call::subgraph)
			.containsExactly("catalog", "learners");
	}

	@Test
	void inaccessibleFieldsAndRootFieldsAreNotPartOfTheApi() {
		Map<String, Object> response = run("{ skills { internalCode } }");
		assertThat(response.get("errors").toString()).contains("GRAPHQL_VALIDATION_FAILED", "internalCode");
		assertThat(run("{ secretSkills { id } }").get("errors").toString()).contains("secretSkills");
		assertThat(this.fixtures.calls).isEmpty();
		assertThat(this.router.supergraph().apiSdl()).doesNotContain("internalCode", "secretSkills");
	}

	@Test
	void aliasesFragmentsTypenameAndDirectivesShapeTheResponse() {
		String query = """
				query($withStatus: Boolean!, $skipName: Boolean = false) {
				  first: skill(id: "java") { ...Basics mine: myStatus @include(if: $withStatus) __typename }
				  second: skill(id: "go") { ... on Skill { label: name @skip(if: $skipName) } }
				}
				fragment Basics on Skill { id label: name }
				""";
		Map<String, Object> response = run(query, Map.of("withStatus", true));
		assertThat(response).doesNotContainKey("errors");
		assertThat((Map<String, Object>) at(response, "first")).containsExactly(Map.entry("id", "java"),
				Map.entry("label", "Java"), Map.entry("mine", "DONE"), Map.entry("__typename", "Skill"));
		assertThat((Map<String, Object>) at(response, "second")).containsExactly(Map.entry("label", "Go"));

		Map<String, Object> without = run(query, Map.of("withStatus", false, "skipName", true));
		assertThat((Map<String, Object>) at(without, "first")).containsOnlyKeys("id", "label", "__typename");
		assertThat((Map<String, Object>) at(without, "second")).isEmpty();
		assertThat(this.fixtures.calls).extracting(FixtureSubgraphs.Call::subgraph).doesNotContain("learners");
	}

	@Test
	void unionsAndInterfacesResolveConcreteTypesAcrossSubgraphs() {
		Map<String, Object> response = run("""
				{ featured { __typename ... on Skill { name myStatus } ... on Course { title } }
				  nodes { id ... on Skill { category } } }
				""");
		assertThat(response).doesNotContainKey("errors");
		assertThat((Map<String, Object>) at(response, "featured", "0")).containsExactly(
				Map.entry("__typename", "Skill"), Map.entry("name", "Java"), Map.entry("myStatus", "DONE"));
		assertThat((Map<String, Object>) at(response, "featured", "1"))
			.containsExactly(Map.entry("__typename", "Course"), Map.entry("title", "Intro to backends"));
		assertThat((Map<String, Object>) at(response, "nodes", "1")).containsExactly(Map.entry("id", "c1"));
		// only the Skill in the union went to learners
		assertThat(this.fixtures.callsTo("learners")).singleElement()
			.satisfies((call) -> assertThat(call.representations()).isEqualTo(1));
	}

	@Test
	void aNullInANonNullFieldNullsTheNearestNullableParentWithOneError() {
		this.fixtures.badgeMissing = true;
		Map<String, Object> response = run("{ me { streak badge } skills { id } }");
		assertThat((Object) at(response, "me")).isNull();
		assertThat((List<?>) at(response, "skills")).hasSize(3);
		List<Map<String, Object>> errors = (List<Map<String, Object>>) response.get("errors");
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).get("path")).isEqualTo(List.of("me", "badge"));
	}

	@Test
	void aFailingRootFetchCostsOnlyItsFieldsAndTheErrorNamesPathCodeAndService() {
		this.fixtures.failing.add("catalog");
		Map<String, Object> response = run("{ skill(id: \"java\") { name } me { streak } }");
		assertThat(at(response, "me", "streak").toString()).isEqualTo("3");
		assertThat((Object) at(response, "skill")).isNull();
		assertThat((List<Map<String, Object>>) response.get("errors")).singleElement().satisfies((error) -> {
			assertThat(error.get("path")).isEqualTo(List.of("skill"));
			assertThat((Map<String, Object>) error.get("extensions")).containsEntry("code", "SERVICE_UNAVAILABLE")
				.containsEntry("service", "catalog");
		});
	}

	@Test
	void anOperationOutOfTimeAnswersWhatArrivedWithAnErrorForEachCallUnderWay() {
		this.fixtures.silent.add("learners");
		long start = System.nanoTime();
		Map<String, Object> response = this.router
			.execute(new Router.Request(
					"{ skill(id: \"java\") { name } me { streak } jobs { title requiredSkills { myStatus } } }", null,
					Map.of()), RequestContext.EMPTY.within(Duration.ofMillis(300)))
			.block(Duration.ofSeconds(10));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(at(response, "skill", "name").toString()).isEqualTo("Java");
		assertThat(at(response, "jobs", "0", "title").toString()).isEqualTo("Job 1");
		assertThat((Object) at(response, "me")).isNull();
		assertThat((Object) at(response, "jobs", "0", "requiredSkills", "0", "myStatus")).isNull();
		List<Map<String, Object>> errors = (List<Map<String, Object>>) response.get("errors");
		assertThat(errors).extracting((error) -> error.get("path"))
			.contains(List.of("me"), List.of("jobs", 0, "requiredSkills", 0, "myStatus"));
		assertThat(errors).allSatisfy((error) -> {
			assertThat(error.get("message").toString()).contains("learners timed out", "time limit of 300 ms");
			assertThat((Map<String, Object>) error.get("extensions")).containsEntry("code", "SERVICE_UNAVAILABLE")
				.containsEntry("service", "learners");
		});
	}

	@Test
	void aFailingEntityFetchNullsItsFieldsWhereTheyAreNullable() {
		this.fixtures.failing.add("learners");
		Map<String, Object> response = run("{ jobs { title requiredSkills { id myStatus } } }");
		assertThat(at(response, "jobs", "1", "title").toString()).isEqualTo("Job 2");
		assertThat((Object) at(response, "jobs", "1", "requiredSkills", "1", "myStatus")).isNull();
		assertThat(at(response, "jobs", "1", "requiredSkills", "1", "id").toString()).isEqualTo("sql");
		assertThat((List<Map<String, Object>>) response.get("errors")).singleElement().satisfies((error) -> {
			assertThat(error.get("path")).isEqualTo(List.of("jobs", 0, "requiredSkills", 0, "myStatus"));
			assertThat((Map<String, Object>) error.get("extensions")).containsEntry("service", "learners");
		});
	}

	@Test
	void aNullFromAFailedSubgraphInNonNullPositionsBubblesUpToTheNullableParent() {
		this.fixtures.failing.add("catalog");
		// Skill.name is non-null, and so is every list and item up to me
		Map<String, Object> response = run("{ me { streak matchingJobs(first: 2) { requiredSkills { name } } } }");
		assertThat(response).containsEntry("data", java.util.Collections.singletonMap("me", null));
		assertThat((List<Map<String, Object>>) response.get("errors")).singleElement()
			.satisfies((error) -> assertThat(error.get("path"))
				.isEqualTo(List.of("me", "matchingJobs", 0, "requiredSkills", 0, "name")));
	}

	@Test
	void mutationsRunInDocumentOrder() {
		Map<String, Object> response = run("""
				mutation { a: renameSkill(id: "go", name: "Golang") { name } b: markDone(skillId: "go") { streak }
				           c: renameSkill(id: "go", name: "Go") { name } }
				""");
		assertThat(this.fixtures.calls).extracting(FixtureSubgraphs.Call::subgraph)
			.containsExactly("catalog", "learners", "catalog");
		assertThat(at(response, "a", "name").toString()).isEqualTo("Golang");
		assertThat(at(response, "c", "name").toString()).isEqualTo("Go");
	}

	@Test
	void badVariablesAreRefusedBeforeAnySubgraphCall() {
		Map<String, Object> response = run("query($id: ID!) { skill(id: $id) { name } }", Map.of());
		assertThat(response.get("errors").toString()).contains("BAD_USER_INPUT");
		assertThat(this.fixtures.calls).isEmpty();
	}

	@Test
	void variablesGoOnlyToTheSubgraphsThatUseThem() {
		Map<String, Object> response = run(
				"query($id: ID!, $n: Int!) { skill(id: $id) { name } me { matchingJobs(first: $n) { title } } }",
				Map.of("id", "sql", "n", 1));
		assertThat(at(response, "skill", "name").toString()).isEqualTo("SQL");
		assertThat(this.fixtures.callsTo("catalog").get(0).variables()).containsOnlyKeys("id");
		assertThat(this.fixtures.callsTo("jobs").get(0).variables()).containsOnlyKeys("representations", "n");
	}

	@Test
	void plansAreCachedPerDocumentAndOperationName() {
		Router.Prepared first = this.router.prepare(SIGNATURE, null);
		Router.Prepared again = this.router.prepare(SIGNATURE, null);
		assertThat(again.plan()).isSameAs(first.plan());
		QueryPlan plan = first.plan();
		assertThat(plan.maxFetches()).isEqualTo(4);
		assertThat(this.router.planCacheStats().hitCount()).isEqualTo(1);
	}

	@Test
	void introspectionIsAnsweredByTheGateway() {
		Map<String, Object> response = run("{ __schema { queryType { name } } __typename }");
		assertThat(at(response, "__schema", "queryType", "name").toString()).isEqualTo("Query");
		assertThat(at(response, "__typename").toString()).isEqualTo("Query");
		assertThat(this.fixtures.calls).isEmpty();
	}

}
