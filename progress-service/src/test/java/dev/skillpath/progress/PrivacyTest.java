package dev.skillpath.progress;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.TestClients;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Own data only; export as valid xAPI 1.0.3; erasure; aggregate counts for operators,
 * never names.
 */
class PrivacyTest extends ProgressServiceTest {

	static final String EXPORT = "{ exportMyData { version statementCount statements } }";

	@Test
	void oneLearnerNeverSeesAnothersProgress() {
		String sam = newLearner("sam");
		String tia = newLearner("tia");
		SetSkillStatusTest.set(as(sam), Map.of("skillId", "nginx", "status", "DONE", "note", "sam's secret"));
		HttpGraphQlTester other = as(tia);
		other.document("{ me { id completedSkillIds progress { skillId } } }")
			.execute()
			.path("me.id")
			.entity(String.class)
			.isEqualTo(tia)
			.path("me.completedSkillIds")
			.entityList(String.class)
			.hasSize(0)
			.path("me.progress")
			.entityList(Object.class)
			.hasSize(0);
		other
			.document("query($r: [_Any!]!) { _entities(representations: $r) { ... on Skill { myProgress { note } } } }")
			.variable("r", List.of(Map.of("__typename", "Skill", "id", "nginx")))
			.execute()
			.path("_entities[0].myProgress")
			.valueIsNull();
		assertThat(exported(other)).isEmpty();
	}

	@Test
	void exportIsValidXapi103() {
		String uma = newLearner("uma");
		HttpGraphQlTester client = as(uma);
		SetSkillStatusTest.set(client,
				Map.of("skillId", "rest-apis", "status", "LEARNING", "masteryLevel", "FAMILIAR", "note", "HATEOAS?"));
		SyncProgressTest.sync(client, List.of(SyncProgressTest.item("soap", "SKIPPED", "2026-01-05T10:00:00+02:00")));
		String done = SetSkillStatusTest.set(client, Map.of("skillId", "rest-apis", "status", "DONE"));
		client.document(HistoryAndCorrectionsTest.VOID)
			.variable("id", done)
			.execute()
			.path("voidStatement.voidedStatementId")
			.hasValue();
		client.document("mutation { resetRoadmapProgress(roadmapId: \"backend\") { resetCount } }")
			.execute()
			.path("resetRoadmapProgress.resetCount")
			.entity(Integer.class)
			.isEqualTo(2);

		client.document(EXPORT)
			.execute()
			.path("exportMyData.version")
			.entity(String.class)
			.isEqualTo("1.0.3")
			.path("exportMyData.statementCount")
			.entity(Integer.class)
			.isEqualTo(6);
		List<Map<String, Object>> statements = exported(client);
		assertThat(statements).hasSize(6).allSatisfy(XapiValidator::assertValidStatement);
		assertThat(statements).extracting((s) -> SyncProgressTest.nested(s, "verb", "id"))
			.containsExactly("http://adlnet.gov/expapi/verbs/attempted", "https://w3id.org/xapi/adl/verbs/waived",
					"http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/voided",
					"https://skillpath.dev/xapi/verbs/reset", "https://skillpath.dev/xapi/verbs/reset");
		Map<?, ?> first = statements.get(0);
		assertThat(first.get("actor")).isEqualTo(
				Map.of("objectType", "Agent", "account", Map.of("homePage", "https://skillpath.dev", "name", uma)));
		assertThat(((Map<?, ?>) first.get("result")).get("score")).isEqualTo(Map.of("scaled", 0.5));
		assertThat(statements.get(1).get("timestamp")).isEqualTo("2026-01-05T08:00:00Z");
		assertThat(statements.get(3).get("object")).isEqualTo(Map.of("objectType", "StatementRef", "id", done));

		// the same statements over REST, in the xAPI StatementResult shape
		this.http.get()
			.uri("/xapi/statements")
			.header("Authorization", bearer(uma))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Experience-API-Version", "1.0.3")
			.expectBody()
			.jsonPath("$.statements.length()")
			.isEqualTo(6)
			.jsonPath("$.more")
			.isEqualTo("");
		TestClients.expectError(this.http.get().uri("/xapi/statements"), 401, "UNAUTHENTICATED");
	}

	@Test
	void deleteMyDataErasesTheLearnerOnly() {
		String vic = newLearner("vic");
		String wes = newLearner("wes");
		HttpGraphQlTester client = as(vic);
		SetSkillStatusTest.set(client, Map.of("skillId", "ci-cd", "status", "DONE"));
		SetSkillStatusTest.set(client, Map.of("skillId", "ci-cd", "status", "LEARNING"));
		client.document("mutation { updateMySettings(input: {timeZone: \"Asia/Tokyo\"}) { timeZone } }").execute();
		SetSkillStatusTest.set(as(wes), Map.of("skillId", "ci-cd", "status", "DONE"));

		client.document("mutation { deleteMyData { deletedStatements deletedProgress } }")
			.execute()
			.path("deleteMyData.deletedStatements")
			.entity(Integer.class)
			.isEqualTo(2)
			.path("deleteMyData.deletedProgress")
			.entity(Integer.class)
			.isEqualTo(1);
		client.document("{ me { timeZone progress { skillId } } }")
			.execute()
			.path("me.timeZone")
			.entity(String.class)
			.isEqualTo("UTC")
			.path("me.progress")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(exported(client)).isEmpty();
		assertThat(count("SELECT count(*) FROM learner WHERE id = :learner", vic)).isZero();
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", wes)).isEqualTo(1);
		this.anonymous.document("mutation { deleteMyData { deletedStatements } }")
			.execute()
			.errors()
			.expect((e) -> "UNAUTHENTICATED".equals(e.getExtensions().get("code")));
	}

	@Test
	void adminsReadCountsPerSkillNeverWho() {
		String query = "{ progressStats(skillIds: [\"terraform\"]) { skillId learners notStarted learning done skipped } }";
		HttpGraphQlTester admin = as(newLearner("admin"), Role.ADMIN);
		Map<String, Object> before = stats(admin, query);
		SetSkillStatusTest.set(as(newLearner("xan")), Map.of("skillId", "terraform", "status", "DONE"));
		SetSkillStatusTest.set(as(newLearner("yas")), Map.of("skillId", "terraform", "status", "LEARNING"));
		Map<String, Object> after = stats(admin, query);
		assertThat(after).containsOnlyKeys("skillId", "learners", "notStarted", "learning", "done", "skipped");
		assertThat((Integer) after.get("learners")).isEqualTo((Integer) before.get("learners") + 2);
		assertThat((Integer) after.get("done")).isEqualTo((Integer) before.get("done") + 1);
		assertThat((Integer) after.get("learning")).isEqualTo((Integer) before.get("learning") + 1);

		as(newLearner("zed")).document(query)
			.execute()
			.errors()
			.expect((e) -> "FORBIDDEN".equals(e.getExtensions().get("code")));
		this.anonymous.document(query)
			.execute()
			.errors()
			.expect((e) -> "UNAUTHENTICATED".equals(e.getExtensions().get("code")));
	}

	private static Map<String, Object> stats(HttpGraphQlTester admin, String query) {
		List<Map<String, Object>> rows = admin.document(query)
			.execute()
			.path("progressStats")
			.entity(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.get();
		return rows.isEmpty() ? Map.of("learners", 0, "done", 0, "learning", 0) : rows.get(0);
	}

	static List<Map<String, Object>> exported(HttpGraphQlTester client) {
		return client.document(EXPORT)
			.execute()
			.path("exportMyData.statements")
			.entity(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.get();
	}

	/**
	 * The rules of the xAPI 1.0.3 specification (part two, statement data) that an export
	 * must keep.
	 */
	static final class XapiValidator {

		static void assertValidStatement(Map<String, Object> statement) {
			assertThat(statement).containsKeys("id", "actor", "verb", "object", "timestamp", "version");
			assertThat(statement.keySet()).isSubsetOf("id", "actor", "verb", "object", "result", "context", "timestamp",
					"stored", "authority", "version", "attachments");
			UUID.fromString((String) statement.get("id"));
			assertThat(statement.get("version")).isEqualTo("1.0.3");
			Map<?, ?> actor = (Map<?, ?>) statement.get("actor");
			// an Agent has exactly one inverse functional identifier
			assertThat(actor.keySet().stream().filter(List.of("mbox", "mbox_sha1sum", "openid", "account")::contains))
				.hasSize(1);
			Map<?, ?> account = (Map<?, ?>) actor.get("account");
			assertIri(account.get("homePage"));
			assertThat((String) account.get("name")).isNotBlank();
			Map<?, ?> verb = (Map<?, ?>) statement.get("verb");
			assertIri(verb.get("id"));
			assertLanguageMap(verb.get("display"));
			Map<?, ?> object = (Map<?, ?>) statement.get("object");
			if ("StatementRef".equals(object.get("objectType"))) {
				UUID.fromString((String) object.get("id"));
				assertThat(verb.get("id")).as("only voiding statements reference statements here")
					.isEqualTo("http://adlnet.gov/expapi/verbs/voided");
				assertThat(statement).doesNotContainKey("result");
			}
			else {
				assertThat(object.get("objectType")).isEqualTo("Activity");
				assertIri(object.get("id"));
				Map<?, ?> definition = (Map<?, ?>) object.get("definition");
				assertIri(definition.get("type"));
				assertLanguageMap(definition.get("name"));
			}
			if (statement.get("result") instanceof Map<?, ?> result) {
				assertThat(result.get("completion")).isInstanceOf(Boolean.class);
				if (result.get("score") instanceof Map<?, ?> score) {
					assertThat(((Number) score.get("scaled")).doubleValue()).isBetween(-1.0, 1.0);
				}
				((Map<?, ?>) result.get("extensions")).keySet().forEach(XapiValidator::assertIri);
			}
			Map<?, ?> context = (Map<?, ?>) statement.get("context");
			((Map<?, ?>) context.get("extensions")).keySet().forEach(XapiValidator::assertIri);
			OffsetDateTime.parse((String) statement.get("timestamp"));
			OffsetDateTime.parse((String) statement.get("stored"));
		}

		private static void assertIri(Object value) {
			assertThat(value).isInstanceOf(String.class);
			assertThat(java.net.URI.create((String) value).isAbsolute()).as("absolute IRI: %s", value).isTrue();
		}

		private static void assertLanguageMap(Object value) {
			assertThat(value).isInstanceOf(Map.class);
			((Map<?, ?>) value).forEach((tag, text) -> {
				assertThat((String) tag).matches("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*");
				assertThat(text).isInstanceOf(String.class);
			});
		}

	}

}
