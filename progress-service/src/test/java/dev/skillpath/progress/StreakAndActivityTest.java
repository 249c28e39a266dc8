package dev.skillpath.progress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static dev.skillpath.progress.SyncProgressTest.item;
import static dev.skillpath.progress.SyncProgressTest.sync;

/**
 * Streaks and the activity heatmap, counted from learning changes in the learner's time
 * zone.
 */
class StreakAndActivityTest extends ProgressServiceTest {

	static final String STREAK = "{ me { timeZone streak { current longest lastActiveDay } } }";

	@Test
	void daysAreCutAtMidnightInTheLearnersTimeZone() {
		this.clock.set(Instant.parse("2026-01-10T20:00:00Z"));
		// 23:30 and 00:30 in Los Angeles: two days there, one day in UTC
		List<Map<String, Object>> items = List.of(item("linux", "LEARNING", "2026-01-10T07:30:00Z"),
				item("linux", "DONE", "2026-01-10T08:30:00Z"));

		HttpGraphQlTester pacific = learnerIn("America/Los_Angeles");
		sync(pacific, items);
		pacific.document(STREAK)
			.execute()
			.path("me.timeZone")
			.entity(String.class)
			.isEqualTo("America/Los_Angeles")
			.path("me.streak")
			.entity(Map.class)
			.isEqualTo(Map.of("current", 2, "longest", 2, "lastActiveDay", "2026-01-10"));

		HttpGraphQlTester utc = as(newLearner("utc"));
		sync(utc, items);
		utc.document(STREAK)
			.execute()
			.path("me.timeZone")
			.entity(String.class)
			.isEqualTo("UTC")
			.path("me.streak")
			.entity(Map.class)
			.isEqualTo(Map.of("current", 1, "longest", 1, "lastActiveDay", "2026-01-10"));
	}

	@Test
	void halfHourZonesCountTheRightDay() {
		this.clock.set(Instant.parse("2026-01-11T12:00:00Z"));
		HttpGraphQlTester india = learnerIn("Asia/Kolkata");
		// 23:59 and 00:01 in India (UTC+05:30)
		sync(india,
				List.of(item("dns", "LEARNING", "2026-01-10T18:29:00Z"), item("dns", "DONE", "2026-01-10T18:31:00Z")));
		india.document("{ me { activity(from: \"2026-01-10\", to: \"2026-01-11\") { date count } } }")
			.execute()
			.path("me.activity")
			.entityList(Map.class)
			.containsExactly(Map.of("date", "2026-01-10", "count", 1), Map.of("date", "2026-01-11", "count", 1));
	}

	@Test
	void aStreakSurvivesUntilTheEndOfTheNextDayThenBreaks() {
		HttpGraphQlTester client = learnerIn("Europe/Paris");
		this.clock.set(Instant.parse("2026-03-05T12:00:00Z"));
		sync(client,
				List.of(item("http", "LEARNING", "2026-03-01T10:00:00Z"), item("http", "DONE", "2026-03-02T10:00:00Z"),
						item("dns", "LEARNING", "2026-03-03T10:00:00Z"), item("dns", "DONE", "2026-03-05T09:00:00Z")));
		client.document(STREAK)
			.execute()
			.path("me.streak.current")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("me.streak.longest")
			.entity(Integer.class)
			.isEqualTo(3);

		// just after midnight in Paris (23:30 UTC): nothing yet today, yesterday still
		// carries the streak
		this.clock.set(Instant.parse("2026-03-05T23:30:00Z"));
		client.document(STREAK).execute().path("me.streak.current").entity(Integer.class).isEqualTo(1);

		// a whole day without learning breaks it; the longest run stays
		this.clock.set(Instant.parse("2026-03-06T23:30:00Z"));
		client.document(STREAK)
			.execute()
			.path("me.streak.current")
			.entity(Integer.class)
			.isEqualTo(0)
			.path("me.streak.longest")
			.entity(Integer.class)
			.isEqualTo(3);
	}

	@Test
	void onlyLearningCountsNotSkipsResetsOrVoidedChanges() {
		HttpGraphQlTester client = as(newLearner("lou"));
		this.clock.set(Instant.parse("2026-04-03T12:00:00Z"));
		List<Map<String, Object>> results = sync(client,
				List.of(item("git", "LEARNING", "2026-04-01T10:00:00Z"), item("git", "DONE", "2026-04-01T11:00:00Z"),
						item("soap", "SKIPPED", "2026-04-02T10:00:00Z"),
						item("linux", "DONE", "2026-04-02T11:00:00Z")));
		// the learner takes back the linux change: voided, it no longer counts
		client.document("mutation($id: ID!) { voidStatement(id: $id) { voidedStatementId } }")
			.variable("id", results.get(3).get("statementId"))
			.execute()
			.path("voidStatement.voidedStatementId")
			.entity(String.class)
			.isEqualTo((String) results.get(3).get("statementId"));
		client.document(
				"{ me { streak { current longest } activity(from: \"2026-03-31\", to: \"2026-04-03\") { date count } } }")
			.execute()
			.path("me.activity")
			.entityList(Map.class)
			.containsExactly(Map.of("date", "2026-03-31", "count", 0), Map.of("date", "2026-04-01", "count", 2),
					Map.of("date", "2026-04-02", "count", 0), Map.of("date", "2026-04-03", "count", 0))
			.path("me.streak.current")
			.entity(Integer.class)
			.isEqualTo(0)
			.path("me.streak.longest")
			.entity(Integer.class)
			.isEqualTo(1);
	}

	@Test
	void badDatesAndZonesAreRefused() {
		HttpGraphQlTester client = as(newLearner("mia"));
		client.document("{ me { activity(from: \"2026-02-10\", to: \"2026-02-01\") { date } } }")
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code"))
					&& "to".equals(e.getExtensions().get("field")));
		client.document("{ me { activity(from: \"2025-01-01\", to: \"2026-02-01\") { date } } }")
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code")));
		client.document("{ me { activity(from: \"01/02/2026\", to: \"2026-02-01\") { date } } }")
			.execute()
			.errors()
			.expect((e) -> "from".equals(e.getExtensions().get("field")));
		for (String zone : List.of("Mars/Olympus", "+02:00")) {
			client.document("mutation($z: String!) { updateMySettings(input: {timeZone: $z}) { timeZone } }")
				.variable("z", zone)
				.execute()
				.errors()
				.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code"))
						&& "timeZone".equals(e.getExtensions().get("field")));
		}
	}

	private HttpGraphQlTester learnerIn(String zone) {
		HttpGraphQlTester client = as(newLearner("tz"));
		client.document("mutation($z: String!) { updateMySettings(input: {timeZone: $z}) { timeZone } }")
			.variable("z", zone)
			.execute()
			.path("updateMySettings.timeZone")
			.entity(String.class)
			.isEqualTo(zone);
		return client;
	}

}
