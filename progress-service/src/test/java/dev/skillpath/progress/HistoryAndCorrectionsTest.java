package dev.skillpath.progress;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The append-only history: voiding instead of editing, and resetting a roadmap. */
class HistoryAndCorrectionsTest extends ProgressServiceTest {

	static final String VOID = """
			mutation($id: ID!) { voidStatement(id: $id) { voidingStatementId voidedStatementId progress { status note } } }""";

	static final String HISTORY = "{ me { history(first: 10) { edges { node { id verb skillId status voided voidedStatementId } } } } }";

	@Test
	void voidingAChangeFallsBackToTheLatestChangeNotVoided() {
		String ned = newLearner("ned");
		HttpGraphQlTester client = as(ned);
		SetSkillStatusTest.set(client, Map.of("skillId", "redis", "status", "LEARNING", "note", "caching"));
		String done = SetSkillStatusTest.set(client, Map.of("skillId", "redis", "status", "DONE"));

		String voiding = client.document(VOID)
			.variable("id", done)
			.execute()
			.path("voidStatement.voidedStatementId")
			.entity(String.class)
			.isEqualTo(done)
			.path("voidStatement.progress")
			.entity(Map.class)
			.isEqualTo(Map.of("status", "LEARNING", "note", "caching"))
			.path("voidStatement.voidingStatementId")
			.entity(String.class)
			.get();

		client.document(HISTORY)
			.execute()
			.path("me.history.edges[*].node.verb")
			.entityList(String.class)
			.containsExactly("http://adlnet.gov/expapi/verbs/voided", "http://adlnet.gov/expapi/verbs/completed",
					"http://adlnet.gov/expapi/verbs/attempted")
			.path("me.history.edges[*].node.voided")
			.entityList(Boolean.class)
			.containsExactly(false, true, false)
			.path("me.history.edges[0].node.voidedStatementId")
			.entity(String.class)
			.isEqualTo(done);
		client.document("{ me { progress { skillId status } completedSkillIds } }")
			.execute()
			.path("me.completedSkillIds")
			.entityList(String.class)
			.hasSize(0)
			.path("me.progress[0].status")
			.entity(String.class)
			.isEqualTo("LEARNING");

		// xAPI: a voiding statement cannot be voided, and a statement is voided once
		client.document(VOID)
			.variable("id", voiding)
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code")));
		client.document(VOID)
			.variable("id", done)
			.execute()
			.errors()
			.expect((e) -> "CONFLICT".equals(e.getExtensions().get("code")));
		// stored rows are never edited: the database refuses it
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", ned)).isEqualTo(3);
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.db.sql("UPDATE statement SET note = 'edited' WHERE learner_id = :learner")
				.bind("learner", ned)
				.fetch()
				.rowsUpdated()
				.block())
			.hasMessageContaining("append-only");
	}

	@Test
	void voidingTheOnlyChangeLeavesNoProgressAndOthersStatementsAreNotFound() {
		String ola = newLearner("ola");
		HttpGraphQlTester client = as(ola);
		String only = SetSkillStatusTest.set(client, Map.of("skillId", "kafka", "status", "LEARNING"));
		as(newLearner("pam")).document(VOID)
			.variable("id", only)
			.execute()
			.errors()
			.expect((e) -> "NOT_FOUND".equals(e.getExtensions().get("code")));
		client.document(VOID)
			.variable("id", "not-a-uuid")
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code")));

		client.document(VOID).variable("id", only).execute().path("voidStatement.progress").valueIsNull();
		client.document("{ me { progress { skillId } } }")
			.execute()
			.path("me.progress")
			.entityList(Object.class)
			.hasSize(0);
	}

	@Test
	void resettingARoadmapSetsItsSkillsBackToNotStartedAndKeepsNotes() {
		String quinn = newLearner("quinn");
		HttpGraphQlTester client = as(quinn);
		SetSkillStatusTest.set(client,
				Map.of("skillId", "mongodb", "status", "DONE", "masteryLevel", "MASTERED", "note", "aggregations"));
		SetSkillStatusTest.set(client, Map.of("skillId", "cassandra", "status", "LEARNING"));
		SetSkillStatusTest.set(client, Map.of("skillId", "hbase", "status", "NOT_STARTED"));

		client.document("mutation { resetRoadmapProgress(roadmapId: \"backend\") { roadmapId resetCount } }")
			.execute()
			.path("resetRoadmapProgress.resetCount")
			.entity(Integer.class)
			.isEqualTo(2);
		client.document("{ me { completedSkillIds progress(status: NOT_STARTED) { skillId masteryLevel note } } }")
			.execute()
			.path("me.completedSkillIds")
			.entityList(String.class)
			.hasSize(0)
			.path("me.progress")
			.entityList(Map.class)
			.hasSize(3)
			.satisfies(
					(rows) -> assertThat(rows).anySatisfy((row) -> assertThat(row).containsEntry("skillId", "mongodb")
						.containsEntry("note", "aggregations")
						.containsEntry("masteryLevel", null)));
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner AND source = 'RESET'", quinn))
			.isEqualTo(2);

		client.document("mutation { resetRoadmapProgress(roadmapId: \"no-such-roadmap\") { resetCount } }")
			.execute()
			.errors()
			.expect((e) -> "NOT_FOUND".equals(e.getExtensions().get("code")));
		ContentService.proxy().stop();
		client.document("mutation { resetRoadmapProgress(roadmapId: \"backend\") { resetCount } }")
			.execute()
			.errors()
			.expect((e) -> "SERVICE_UNAVAILABLE".equals(e.getExtensions().get("code"))
					&& Boolean.TRUE.equals(e.getExtensions().get("retryable")));
	}

	@Test
	void historyPagesNewestFirst() {
		HttpGraphQlTester client = as(newLearner("rae"));
		for (String skill : List.of("html-css", "browsers", "hosting")) {
			SetSkillStatusTest.set(client, Map.of("skillId", skill, "status", "LEARNING"));
		}
		String cursor = client
			.document("{ me { history(first: 2) { edges { node { skillId } } pageInfo { hasNextPage endCursor } } } }")
			.execute()
			.path("me.history.edges[*].node.skillId")
			.entityList(String.class)
			.containsExactly("hosting", "browsers")
			.path("me.history.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("me.history.pageInfo.endCursor")
			.entity(String.class)
			.get();
		client.document(
				"query($after: String) { me { history(first: 2, after: $after) { edges { node { skillId } } pageInfo { hasNextPage } } } }")
			.variable("after", cursor)
			.execute()
			.path("me.history.edges[*].node.skillId")
			.entityList(String.class)
			.containsExactly("html-css")
			.path("me.history.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(false);
		client.document("{ me { history(after: \"bogus\") { edges { cursor } } } }")
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code")));
	}

}
