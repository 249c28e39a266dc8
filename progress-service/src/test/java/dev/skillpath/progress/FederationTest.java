package dev.skillpath.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The federation contract: {@code _service}, and {@code _entities} for Learner, Skill and
 * Roadmap with the {@code @requires} representations a router sends.
 */
class FederationTest extends ProgressServiceTest {

	static final String ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { %s } }";

	@Test
	void sdlDeclaresTheEntitiesAndRequires() {
		assertThat(serviceSdl()).contains("specs.apollo.dev/federation/v2.7")
			.contains("type Learner @key(fields : \"id\"")
			.contains("type Skill @key(fields : \"id\"")
			.contains("myCompletion: Completion @requires(fields : \"skillIds\")")
			.contains("@requires(fields : \"skillIds skills { id requires { id } alternativeOf { id } }\")")
			.contains("completedSkillIds: [ID!]!");
	}

	@Test
	void skillEntitiesAnswerAFiftyKeyBatchWithOneSqlStatement() {
		String gus = newLearner("gus");
		HttpGraphQlTester client = as(gus);
		List<String> ids = ContentService.backendSkillIds().subList(0, 50);
		List<Map<String, Object>> items = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			items.add(SyncProgressTest.item(ids.get(i), "DONE", "2026-01-01T10:00:00Z"));
		}
		SyncProgressTest.sync(client, items);

		List<Map<String, Object>> representations = ids.stream()
			.map((id) -> Map.<String, Object>of("__typename", "Skill", "id", id))
			.toList();
		this.sql.reset();
		List<String> statuses = client.document(ENTITIES.formatted("... on Skill { id myProgress { status } }"))
			.variable("r", representations)
			.execute()
			.path("_entities[*].id")
			.entityList(String.class)
			.containsExactly(ids.toArray(String[]::new))
			.path("_entities[*].myProgress.status")
			.entityList(String.class)
			.get();
		assertThat(statuses).hasSize(10).containsOnly("DONE");
		assertThat(this.sql.statements()).hasSize(1);
		assertThat(this.sql.statements().get(0)).contains("skill_progress");
	}

	@Test
	void learnerEntityResolvesOnlyForThatLearner() {
		String hal = newLearner("hal");
		HttpGraphQlTester client = as(hal);
		SetSkillStatusTest.set(client, Map.of("skillId", "java", "status", "DONE"));
		String query = ENTITIES.formatted("... on Learner { id completedSkillIds }");
		client.document(query)
			.variable("r", List.of(Map.of("__typename", "Learner", "id", hal)))
			.execute()
			.path("_entities[0].completedSkillIds")
			.entityList(String.class)
			.containsExactly("java");

		assertLearnerRefused(as(newLearner("ivy")), query, hal, "FORBIDDEN");
		assertLearnerRefused(this.anonymous, query, hal, "UNAUTHENTICATED");
	}

	@Test
	void completionCountsTheRoadmapsCurrentSkillsOnly() {
		String jon = newLearner("jon");
		HttpGraphQlTester client = as(jon);
		List<String> roadmap = ContentService.backendSkillIds();
		List<Map<String, Object>> all = roadmap.stream()
			.map((id) -> SyncProgressTest.item(id, "DONE", "2026-01-02T10:00:00Z"))
			.toList();
		SyncProgressTest.sync(client, all);
		String query = ENTITIES.formatted("... on Roadmap { id myCompletion { done learning skipped total percent } }");

		assertCompletion(client, query, roadmap, roadmap.size(), roadmap.size(), 100);

		// a skill left the roadmap: the learner's progress on it no longer counts
		List<String> smaller = roadmap.subList(1, roadmap.size());
		assertCompletion(client, query, smaller, smaller.size(), smaller.size(), 100);

		// a new skill joined: one left of 80 is 98 %, never rounded up to 100
		List<String> eighty = new ArrayList<>(roadmap.subList(0, 79));
		eighty.add("brand-new-skill");
		assertCompletion(client, query, eighty, 80, 79, 98);
	}

	@Test
	void completionCountsEachStatusAndIsNullForAnonymousCallers() {
		HttpGraphQlTester client = as(newLearner("kim"));
		SyncProgressTest.sync(client,
				List.of(SyncProgressTest.item("internet", "DONE", "2026-01-02T10:00:00Z"),
						SyncProgressTest.item("http", "SKIPPED", "2026-01-02T10:00:00Z"),
						SyncProgressTest.item("dns", "LEARNING", "2026-01-02T10:00:00Z")));
		String query = ENTITIES.formatted("... on Roadmap { myCompletion { done learning skipped total percent } }");
		Map<String, Object> representation = roadmap("mini", List.of("internet", "http", "dns", "hosting"));
		client.document(query)
			.variable("r", List.of(representation))
			.execute()
			.path("_entities[0].myCompletion")
			.entity(Map.class)
			.isEqualTo(Map.of("done", 1, "learning", 1, "skipped", 1, "total", 4, "percent", 50));
		// what jobs-service's matching requires of a learner
		client.document("{ me { completedSkillIds skippedSkillIds } }")
			.execute()
			.path("me.completedSkillIds")
			.entityList(String.class)
			.containsExactly("internet")
			.path("me.skippedSkillIds")
			.entityList(String.class)
			.containsExactly("http");
		this.anonymous.document(query)
			.variable("r", List.of(representation))
			.execute()
			.path("_entities[0].myCompletion")
			.valueIsNull();
		// a router that did not send the @requires fields gets a clear error, not a wrong
		// answer
		client.document(query)
			.variable("r", List.of(Map.of("__typename", "Roadmap", "id", "mini")))
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code"))
					&& e.getMessage().contains("skillIds"));
	}

	@Test
	void nextSkillsAreThoseWhosePrerequisitesAreDoneOrSkipped() {
		HttpGraphQlTester client = as(newLearner("lea"));
		// a small graph as the router would send it: b and c need a; d needs b and c; e
		// needs d
		Map<String, Object> representation = Map.of("__typename", "Roadmap", "id", "mini", "skillIds",
				List.of("internet", "http", "dns", "hosting", "browsers"), "skills",
				List.of(skill("internet"), skill("http", "internet"), skill("dns", "internet"),
						skill("hosting", "http", "dns"), skill("browsers", "hosting")));
		String query = ENTITIES.formatted("... on Roadmap { myNextSkills(first: 10) { id myProgress { status } } }");

		nextSkillIds(client, query, representation).entityList(String.class).containsExactly("internet");

		SyncProgressTest.sync(client, List.of(SyncProgressTest.item("internet", "DONE", "2026-01-03T10:00:00Z"),
				SyncProgressTest.item("dns", "LEARNING", "2026-01-03T10:00:00Z")));
		// LEARNING first, then roadmap order; hosting still waits for http and dns
		nextSkillIds(client, query, representation).entityList(String.class)
			.containsExactly("dns", "http")
			.path("_entities[0].myNextSkills[0].myProgress.status")
			.entity(String.class)
			.isEqualTo("LEARNING");

		SyncProgressTest.sync(client, List.of(SyncProgressTest.item("http", "SKIPPED", "2026-01-03T11:00:00Z"),
				SyncProgressTest.item("dns", "DONE", "2026-01-03T11:00:00Z")));
		nextSkillIds(client, query, representation).entityList(String.class).containsExactly("hosting");

		this.anonymous.document(query)
			.variable("r", List.of(representation))
			.execute()
			.path("_entities[0].myNextSkills")
			.entityList(Object.class)
			.hasSize(0);
	}

	@Test
	void aChoiceIsSatisfiedByOneDoneOptionAndItsOtherOptionsAreNotSuggested() {
		HttpGraphQlTester client = as(newLearner("max"));
		Map<String, Object> representation = Map.of("__typename", "Roadmap", "id", "mini", "skillIds",
				List.of("backend-language", "python", "java", "oop"), "skills",
				List.of(skill("backend-language"), option("python", "backend-language"),
						option("java", "backend-language"), skill("oop", "backend-language")));
		String query = ENTITIES.formatted("... on Roadmap { myNextSkills { id } }");
		nextSkillIds(client, query, representation).entityList(String.class)
			.containsExactly("backend-language", "python", "java");

		SetSkillStatusTest.set(client, Map.of("skillId", "java", "status", "DONE"));
		nextSkillIds(client, query, representation).entityList(String.class).containsExactly("oop");
	}

	/**
	 * Asserts that {@code client} may not resolve learner {@code id}: an error
	 * {@code code}, and null.
	 */
	private static void assertLearnerRefused(GraphQlTester client, String query, String id, String code) {
		client.document(query)
			.variable("r", List.of(Map.of("__typename", "Learner", "id", id)))
			.execute()
			.errors()
			.expect((e) -> code.equals(e.getExtensions().get("code")))
			.verify()
			.path("_entities[0]")
			.valueIsNull();
	}

	/**
	 * Asserts the completion {@code query} answers {@code client} for the backend roadmap
	 * of {@code skillIds}.
	 */
	private static void assertCompletion(GraphQlTester client, String query, List<String> skillIds, int total, int done,
			int percent) {
		client.document(query)
			.variable("r", List.of(roadmap("backend", skillIds)))
			.execute()
			.path("_entities[0].myCompletion.total")
			.entity(Integer.class)
			.isEqualTo(total)
			.path("_entities[0].myCompletion.done")
			.entity(Integer.class)
			.isEqualTo(done)
			.path("_entities[0].myCompletion.percent")
			.entity(Integer.class)
			.isEqualTo(percent);
	}

	/**
	 * The ids of the next skills {@code query} finds for {@code client} in
	 * {@code roadmap}.
	 */
	private static GraphQlTester.Path nextSkillIds(GraphQlTester client, String query, Map<String, Object> roadmap) {
		return client.document(query).variable("r", List.of(roadmap)).execute().path("_entities[0].myNextSkills[*].id");
	}

	static Map<String, Object> roadmap(String id, List<String> skillIds) {
		return Map.of("__typename", "Roadmap", "id", id, "skillIds", skillIds);
	}

	private static Map<String, Object> skill(String id, String... requires) {
		Map<String, Object> skill = new java.util.LinkedHashMap<>();
		skill.put("id", id);
		skill.put("requires", java.util.Arrays.stream(requires).map((r) -> Map.of("id", r)).toList());
		skill.put("alternativeOf", null);
		return skill;
	}

	private static Map<String, Object> option(String id, String choice) {
		return Map.of("id", id, "requires", List.of(), "alternativeOf", Map.of("id", choice));
	}

}
