package dev.skillpath.progress;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code setSkillStatus}, {@code me} and {@code Skill.myProgress}: writes, retries and
 * refusals.
 */
class SetSkillStatusTest extends ProgressServiceTest {

	static final String SET = """
			mutation($input: SetSkillStatusInput!) { setSkillStatus(input: $input) {
			  clientMutationId statementId replayed
			  progress { skillId status masteryLevel note updatedAt } } }""";

	@Test
	void setsAStatusThatMeAndMyProgressThenShow() {
		String ada = newLearner("ada");
		HttpGraphQlTester client = as(ada);
		assertApplied(client.document(SET)
			.variable("input",
					Map.of("skillId", "postgresql", "status", "DONE", "masteryLevel", "PROFICIENT", "note",
							"indexes next"))
			.execute(), "DONE").path("setSkillStatus.progress.masteryLevel")
			.entity(String.class)
			.isEqualTo("PROFICIENT")
			.path("setSkillStatus.progress.note")
			.entity(String.class)
			.isEqualTo("indexes next");

		client.document("{ me { id completedSkillIds progress { skillId status } } }")
			.execute()
			.path("me.id")
			.entity(String.class)
			.isEqualTo(ada)
			.path("me.completedSkillIds")
			.entityList(String.class)
			.containsExactly("postgresql")
			.path("me.progress[0].skillId")
			.entity(String.class)
			.isEqualTo("postgresql");

		client.document("""
				query($r: [_Any!]!) { _entities(representations: $r) {
				  ... on Skill { id myProgress { status masteryLevel note } } } }""")
			.variable("r",
					List.of(Map.of("__typename", "Skill", "id", "postgresql"),
							Map.of("__typename", "Skill", "id", "mysql")))
			.execute()
			.path("_entities[0].myProgress.status")
			.entity(String.class)
			.isEqualTo("DONE")
			.path("_entities[1].id")
			.entity(String.class)
			.isEqualTo("mysql")
			.path("_entities[1].myProgress")
			.valueIsNull();
	}

	@Test
	void fieldsLeftOutKeepTheirValueAndAnEmptyNoteClearsIt() {
		HttpGraphQlTester client = as(newLearner("bob"));
		set(client, Map.of("skillId", "git", "status", "LEARNING", "masteryLevel", "FAMILIAR", "note", "branches"));
		client.document(SET)
			.variable("input", Map.of("skillId", "git", "status", "DONE"))
			.execute()
			.path("setSkillStatus.progress.masteryLevel")
			.entity(String.class)
			.isEqualTo("FAMILIAR")
			.path("setSkillStatus.progress.note")
			.entity(String.class)
			.isEqualTo("branches");
		client.document(SET)
			.variable("input", Map.of("skillId", "git", "status", "NOT_STARTED", "note", ""))
			.execute()
			.path("setSkillStatus.progress.masteryLevel")
			.valueIsNull()
			.path("setSkillStatus.progress.note")
			.valueIsNull();
	}

	@Test
	void aRetryWithTheSameClientMutationIdIsAppliedOnce() {
		String cid = newLearner("cid");
		HttpGraphQlTester client = as(cid);
		Map<String, Object> input = Map.of("skillId", "http", "status", "LEARNING", "clientMutationId", "tap-1");
		String first = client.document(SET)
			.variable("input", input)
			.execute()
			.path("setSkillStatus.replayed")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("setSkillStatus.statementId")
			.entity(String.class)
			.get();
		// the client lost the answer and sends the same change again, after another
		// change was made
		set(client, Map.of("skillId", "http", "status", "DONE"));
		client.document(SET)
			.variable("input", input)
			.execute()
			.path("setSkillStatus.replayed")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("setSkillStatus.statementId")
			.entity(String.class)
			.isEqualTo(first)
			.path("setSkillStatus.clientMutationId")
			.entity(String.class)
			.isEqualTo("tap-1");

		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", cid)).isEqualTo(2);
		client.document("{ me { progress { skillId status } } }")
			.execute()
			.path("me.progress[0].status")
			.entity(String.class)
			.isEqualTo("DONE");

		// the same id for a different change is a client bug, not a retry
		client.document(SET)
			.variable("input", Map.of("skillId", "http", "status", "SKIPPED", "clientMutationId", "tap-1"))
			.execute()
			.errors()
			.expect((e) -> "CONFLICT".equals(e.getExtensions().get("code")));
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", cid)).isEqualTo(2);
	}

	@Test
	void unknownSkillIsRefusedWithBadUserInputAndNothingIsStored() {
		String dan = newLearner("dan");
		as(dan).document(SET)
			.variable("input", Map.of("skillId", "no-such-skill", "status", "DONE"))
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code"))
					&& e.getMessage().contains("no-such-skill")
					&& "input.skillId".equals(e.getExtensions().get("field")));
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", dan)).isZero();
	}

	@Test
	void invalidInputIsRefusedWithTheField() {
		HttpGraphQlTester client = as(newLearner("eve"));
		client.document(SET)
			.variable("input", Map.of("skillId", "git", "status", "DONE", "note", "x".repeat(2001)))
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code"))
					&& "input.note".equals(e.getExtensions().get("field")));
		client.document(SET)
			.variable("input", Map.of("skillId", "git", "status", "NOT_STARTED", "masteryLevel", "MASTERED"))
			.execute()
			.errors()
			.expect((e) -> "input.masteryLevel".equals(e.getExtensions().get("field")));
		client.document(SET)
			.variable("input", Map.of("skillId", "git", "status", "FINISHED"))
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code")));
	}

	@Test
	void withoutATokenMeAndWritesAreUnauthenticatedAndMyProgressIsNull() {
		this.anonymous.document("{ me { id } }")
			.execute()
			.errors()
			.expect((e) -> "UNAUTHENTICATED".equals(e.getExtensions().get("code")))
			.verify()
			.path("me")
			.valueIsNull();
		this.anonymous.document(SET)
			.variable("input", Map.of("skillId", "git", "status", "DONE"))
			.execute()
			.errors()
			.expect((e) -> "UNAUTHENTICATED".equals(e.getExtensions().get("code")));
		this.anonymous.document("""
				query($r: [_Any!]!) { _entities(representations: $r) { ... on Skill { id myProgress { status } } } }""")
			.variable("r", List.of(Map.of("__typename", "Skill", "id", "git")))
			.execute()
			.errors()
			.verify()
			.path("_entities[0].id")
			.entity(String.class)
			.isEqualTo("git")
			.path("_entities[0].myProgress")
			.valueIsNull();
	}

	@Test
	void contentServiceDownIsARetryableErrorAndNothingIsStored() {
		String fay = newLearner("fay");
		this.catalog.forget();
		set(as(fay), Map.of("skillId", "git", "status", "DONE"));
		ContentService.proxy().stop();
		// a skill content-service confirmed a moment ago is remembered: no call needed
		set(as(fay), Map.of("skillId", "git", "status", "LEARNING"));
		long before = count("SELECT count(*) FROM statement WHERE learner_id = :learner", fay);
		as(fay).document(SET)
			.variable("input", Map.of("skillId", "docker", "status", "LEARNING", "clientMutationId", "c-1"))
			.execute()
			.errors()
			.expect((e) -> "SERVICE_UNAVAILABLE".equals(e.getExtensions().get("code"))
					&& Boolean.TRUE.equals(e.getExtensions().get("retryable")));
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", fay)).isEqualTo(before);
		assertThat(
				count("SELECT count(*) FROM skill_progress WHERE learner_id = :learner AND skill_id = 'docker'", fay))
			.isZero();

		// the client retries once content-service is back, and the change is applied once
		ContentService.proxy().start();
		assertApplied(as(fay).document(SET)
			.variable("input", Map.of("skillId", "docker", "status", "LEARNING", "clientMutationId", "c-1"))
			.execute(), "LEARNING");
	}

	/**
	 * Sets a status as {@code client}, failing the test on any error; answers the
	 * statement's id.
	 */
	static String set(HttpGraphQlTester client, Map<String, Object> input) {
		return client.document(SET)
			.variable("input", input)
			.execute()
			.path("setSkillStatus.statementId")
			.hasValue()
			.entity(String.class)
			.get();
	}

	/**
	 * Asserts that a {@code setSkillStatus} was applied (not a replay) with
	 * {@code status}; answers the answer to assert more on.
	 */
	private static GraphQlTester.Traversable assertApplied(GraphQlTester.Response response, String status) {
		return response.path("setSkillStatus.replayed")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("setSkillStatus.progress.status")
			.entity(String.class)
			.isEqualTo(status);
	}

}
