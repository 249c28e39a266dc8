package dev.skillpath.progress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.skillpath.progress.metrics.ActiveLearners;
import dev.skillpath.support.testing.Actuator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Business metrics: progress statements per xAPI verb, and active learners, as Prometheus
 * shows them.
 */
class ProgressMetricsTest extends ProgressServiceTest {

	@Autowired
	MeterRegistry meters;

	@Autowired
	ActiveLearners activeLearners;

	@Test
	void everyStoredStatementIsCountedOnceUnderItsVerb() {
		Map<String, Double> before = events();
		HttpGraphQlTester client = as(newLearner("mia"));
		String set = "mutation($input: SetSkillStatusInput!) { setSkillStatus(input: $input) { statementId replayed } }";
		String learning = client.document(set)
			.variable("input", Map.of("skillId", "git", "status", "LEARNING", "clientMutationId", "m-1"))
			.execute()
			.path("setSkillStatus.statementId")
			.entity(String.class)
			.get();
		// a retry stores nothing new and counts nothing
		client.document(set)
			.variable("input", Map.of("skillId", "git", "status", "LEARNING", "clientMutationId", "m-1"))
			.execute()
			.path("setSkillStatus.replayed")
			.entity(Boolean.class)
			.isEqualTo(true);
		client.document(set).variable("input", Map.of("skillId", "linux", "status", "DONE")).execute();
		// refused: nothing stored, nothing counted
		client.document(set)
			.variable("input", Map.of("skillId", "no-such-skill", "status", "DONE"))
			.execute()
			.errors()
			.expect((error) -> "BAD_USER_INPUT".equals(error.getExtensions().get("code")));
		// two applied, one outdated (kept in the history), one rejected
		client.document("""
				mutation($items: [SyncProgressItem!]!) { syncProgress(items: $items) { applied outdated rejected } }""")
			.variable("items",
					List.of(Map.of("skillId", "http", "status", "SKIPPED", "timestamp", "2026-01-02T10:00:00Z"),
							Map.of("skillId", "http", "status", "DONE", "timestamp", "2026-01-01T10:00:00Z"),
							Map.of("skillId", "dns", "status", "DONE", "timestamp", "2026-01-02T10:00:00Z"),
							Map.of("skillId", "no-such-skill", "status", "DONE", "timestamp", "2026-01-02T10:00:00Z")))
			.execute()
			.path("syncProgress.applied")
			.entity(Integer.class)
			.isEqualTo(2)
			.path("syncProgress.outdated")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("syncProgress.rejected")
			.entity(Integer.class)
			.isEqualTo(1);
		client.document("mutation($id: ID!) { voidStatement(id: $id) { voidingStatementId } }")
			.variable("id", learning)
			.execute();
		client.document("mutation { resetRoadmapProgress(roadmapId: \"backend\") { resetCount } }")
			.execute()
			.path("resetRoadmapProgress.resetCount")
			.entity(Integer.class)
			.isEqualTo(3);

		Map<String, Double> after = events();
		assertThat(Map.of("attempted", after.get("attempted") - before.get("attempted"), "completed",
				after.get("completed") - before.get("completed"), "waived", after.get("waived") - before.get("waived"),
				"voided", after.get("voided") - before.get("voided"), "reset",
				after.get("reset") - before.get("reset")))
			.isEqualTo(Map.of("attempted", 1.0, "completed", 3.0, "waived", 1.0, "voided", 1.0, "reset", 3.0));
		assertThat(scrape()).contains("skillpath_progress_events_total{", "verb=\"completed\"");
	}

	@Test
	void activeLearnersCountsLearnersWithAStatementInTheWindow() {
		double before = this.activeLearners.count().block().lastDay();
		for (String learner : List.of(newLearner("ivy"), newLearner("joe"))) {
			as(learner)
				.document("mutation { setSkillStatus(input: { skillId: \"git\", status: LEARNING }) { replayed } }")
				.execute();
		}
		ActiveLearners.Counts counts = this.activeLearners.count().block();
		assertThat(counts.lastDay()).isEqualTo(before + 2);
		assertThat(counts.lastWeek()).isGreaterThanOrEqualTo(counts.lastDay());
		// a statement stored eight days ago (as a restored backup would hold) is outside
		// both windows
		String old = newLearner("old");
		this.db.sql("INSERT INTO learner (id) VALUES (:learner)").bind("learner", old).then().block();
		this.db.sql("""
				INSERT INTO statement (id, learner_id, kind, skill_id, status, source, occurred_at, stored_at)
				VALUES (gen_random_uuid(), :learner, 'STATUS', 'git', 'DONE', 'SET', :at, :at)""")
			.bind("learner", old)
			.bind("at", Instant.now().minusSeconds(8 * 86_400).atOffset(java.time.ZoneOffset.UTC))
			.then()
			.block();
		assertThat(this.activeLearners.count().block()).satisfies((now) -> {
			assertThat(now.lastDay()).isEqualTo(counts.lastDay());
			assertThat(now.lastWeek()).isEqualTo(counts.lastWeek());
		});
		// the gauge shows the kept counts (at most one refresh interval old)
		String scrape = scrape();
		assertThat(scrape).contains("skillpath_progress_active_learners{", "window=\"24h\"", "window=\"7d\"");
		assertThat(this.meters.get("skillpath.progress.active.learners").tag("window", "24h").gauge().value())
			.isEqualTo(counts.lastDay());
	}

	@Test
	void graphQlFieldTimersCoverRootFieldsNotEveryNestedObject() {
		List<Map<String, Object>> skills = ContentService.backendSkillIds()
			.subList(0, 30)
			.stream()
			.map((id) -> Map.<String, Object>of("__typename", "Skill", "id", id))
			.toList();
		double entitiesBefore = fieldTimerCount("_entities");
		as(newLearner("tim")).document(FederationTest.ENTITIES.formatted("... on Skill { id myProgress { status } }"))
			.variable("r", skills)
			.execute()
			.path("_entities[*].id")
			.entityList(String.class)
			.hasSize(30);

		assertThat(fieldTimerCount("_entities")).isEqualTo(entitiesBefore + 1);
		// Skill.myProgress ran 30 times (once per entity); it is timed by its root field
		// and its batch load
		assertThat(this.meters.find("graphql.datafetcher").tag("graphql.field.name", "myProgress").timers()).isEmpty();
		assertThat(this.meters.find("graphql.dataloader").timers()).isNotEmpty();
		// observations are timed when they stop; none also keeps an "in flight" timer
		// (skillpath-defaults)
		assertThat(this.meters.find("graphql.request.active").longTaskTimers()).isEmpty();
		assertThat(this.meters.find("graphql.datafetcher.active").longTaskTimers()).isEmpty();
	}

	private double fieldTimerCount(String field) {
		return this.meters.find("graphql.datafetcher")
			.tag("graphql.field.name", field)
			.timers()
			.stream()
			.mapToDouble((timer) -> timer.count())
			.sum();
	}

	private Map<String, Double> events() {
		Map<String, Double> counts = new java.util.HashMap<>();
		this.meters.get("skillpath.progress.events")
			.counters()
			.forEach((counter) -> counts.put(counter.getId().getTag("verb"), counter.count()));
		assertThat(counts).containsOnlyKeys("attempted", "completed", "waived", "reset", "voided");
		return counts;
	}

	private String scrape() {
		return Actuator.scrape(this.http);
	}

}
