package dev.skillpath.progress;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code syncProgress}: one result per item, last writer wins per skill by client
 * timestamp.
 */
class SyncProgressTest extends ProgressServiceTest {

	static final String SYNC = """
			mutation($items: [SyncProgressItem!]!) { syncProgress(items: $items) {
			  applied outdated duplicates rejected
			  results { index skillId outcome statementId progress { status note updatedAt } error { code message } } } }""";

	@Test
	void theLatestClientTimestampWinsPerSkillAndOlderChangesAreKeptAsHistory() {
		String ann = newLearner("ann");
		HttpGraphQlTester client = as(ann);
		List<Map<String, Object>> results = sync(client, List.of(item("sql", "DONE", "2026-02-01T12:00:00Z"),
				// made earlier on another device, uploaded later: loses
				item("sql", "LEARNING", "2026-02-01T09:00:00+01:00"), item("git", "LEARNING", "2026-02-01T08:00:00Z"),
				item("git", "DONE", "2026-02-01T08:30:00Z")));
		assertThat(results).extracting((r) -> r.get("outcome"))
			.containsExactly("APPLIED", "OUTDATED", "APPLIED", "APPLIED");
		// every result reports the skill's state after the batch
		assertThat(results).extracting((r) -> nested(r, "progress", "status"))
			.containsExactly("DONE", "DONE", "DONE", "DONE");

		// a later upload with an older timestamp than the stored state is outdated too
		assertThat(sync(client, List.of(item("sql", "SKIPPED", "2026-02-01T11:59:59Z"))))
			.extracting((r) -> r.get("outcome"))
			.containsExactly("OUTDATED");
		// equal timestamps: the one stored last wins
		assertThat(sync(client, List.of(item("sql", "SKIPPED", "2026-02-01T12:00:00Z"))))
			.extracting((r) -> r.get("outcome"))
			.containsExactly("APPLIED");

		client.document("{ me { progress { skillId status updatedAt } } }")
			.execute()
			.path("me.progress")
			.entityList(Map.class)
			.contains(Map.of("skillId", "sql", "status", "SKIPPED", "updatedAt", "2026-02-01T12:00:00Z"),
					Map.of("skillId", "git", "status", "DONE", "updatedAt", "2026-02-01T08:30:00Z"));
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", ann)).isEqualTo(6);
	}

	@Test
	void badItemsAreRejectedOneByOneAndTheOthersApplied() {
		String ben = newLearner("ben");
		Map<String, Object> unknown = item("no-such-skill", "DONE", "2026-02-01T12:00:00Z");
		Map<String, Object> badTime = item("git", "DONE", "yesterday");
		Map<String, Object> longNote = new HashMap<>(item("git", "DONE", "2026-02-01T12:00:00Z"));
		longNote.put("note", "x".repeat(2001));
		List<Map<String, Object>> results = sync(as(ben),
				List.of(unknown, item("linux", "LEARNING", "2026-02-01T12:00:00Z"), badTime, longNote));
		assertThat(results).extracting((r) -> r.get("outcome"))
			.containsExactly("REJECTED", "APPLIED", "REJECTED", "REJECTED");
		assertThat(results).extracting((r) -> nested(r, "error", "code"))
			.containsExactly("BAD_USER_INPUT", null, "BAD_USER_INPUT", "BAD_USER_INPUT");
		assertThat(((Map<?, ?>) results.get(2).get("error")).get("message").toString()).contains("ISO-8601");
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", ben)).isEqualTo(1);
	}

	@Test
	void aResentBatchIsNotAppliedTwice() {
		String cal = newLearner("cal");
		HttpGraphQlTester client = as(cal);
		Map<String, Object> first = withId(item("docker", "LEARNING", "2026-02-02T10:00:00Z"), "d-1");
		Map<String, Object> second = withId(item("docker", "DONE", "2026-02-02T11:00:00Z"), "d-2");
		assertThat(sync(client, List.of(first, second))).extracting((r) -> r.get("outcome"))
			.containsExactly("APPLIED", "APPLIED");
		// the connection dropped before the answer arrived: the client sends the same
		// batch again
		List<Map<String, Object>> again = sync(client, List.of(first, second, first));
		assertThat(again).extracting((r) -> r.get("outcome")).containsExactly("DUPLICATE", "DUPLICATE", "DUPLICATE");
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", cal)).isEqualTo(2);
		// the same id for another change is a conflict for that item only
		Map<String, Object> reused = withId(item("docker", "SKIPPED", "2026-02-02T12:00:00Z"), "d-1");
		assertThat(sync(client, List.of(reused))).extracting((r) -> nested(r, "error", "code"))
			.containsExactly("CONFLICT");
	}

	@Test
	void aTimestampAheadOfTheServerIsTakenAsNow() {
		HttpGraphQlTester client = as(newLearner("dee"));
		Instant now = Instant.parse("2026-03-01T12:00:00Z");
		this.clock.set(now);
		sync(client, List.of(item("grpc", "DONE", "2030-01-01T00:00:00Z")));
		client.document("{ me { progress { updatedAt } } }")
			.execute()
			.path("me.progress[0].updatedAt")
			.entity(String.class)
			.isEqualTo(now.toString());
		// so an online change a minute later still wins over the client whose clock was
		// ahead
		this.clock.set(now.plusSeconds(60));
		SetSkillStatusTest.set(client, Map.of("skillId", "grpc", "status", "LEARNING"));
		client.document("{ me { progress { status } } }")
			.execute()
			.path("me.progress[0].status")
			.entity(String.class)
			.isEqualTo("LEARNING");
	}

	@Test
	void contentServiceDownFailsTheWholeBatchAndStoresNothing() {
		String eli = newLearner("eli");
		this.catalog.forget();
		ContentService.proxy().stop();
		as(eli).document(SYNC)
			.variable("items", List.of(item("kubernetes", "DONE", "2026-02-01T12:00:00Z")))
			.execute()
			.errors()
			.expect((e) -> "SERVICE_UNAVAILABLE".equals(e.getExtensions().get("code"))
					&& Boolean.TRUE.equals(e.getExtensions().get("retryable")));
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", eli)).isZero();
	}

	@Test
	void anEmptyOrOversizedBatchIsRefused() {
		as(newLearner("fin")).document(SYNC)
			.variable("items", List.of())
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code")));
	}

	static Object nested(Map<String, Object> result, String field, String inner) {
		return result.get(field) instanceof Map<?, ?> map ? map.get(inner) : null;
	}

	static Map<String, Object> item(String skillId, String status, String timestamp) {
		return Map.of("skillId", skillId, "status", status, "timestamp", timestamp);
	}

	static Map<String, Object> withId(Map<String, Object> item, String clientMutationId) {
		Map<String, Object> copy = new HashMap<>(item);
		copy.put("clientMutationId", clientMutationId);
		return copy;
	}

	static List<Map<String, Object>> sync(HttpGraphQlTester client, List<Map<String, Object>> items) {
		return client.document(SYNC)
			.variable("items", items)
			.execute()
			.path("syncProgress.results")
			.entity(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.get();
	}

}
