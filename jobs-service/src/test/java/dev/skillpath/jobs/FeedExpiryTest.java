package dev.skillpath.jobs;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When listings stop being open. Recorded feeds whose postings were published 13 months
 * ago, with the production default lifetime (60 days): a pulled listing stays open while
 * its feed carries it, 304 answers included, and closes when the feed drops it or at an
 * expiry date the feed gives; a pushed listing without one expires by age.
 */
class FeedExpiryTest extends JobsServiceTest {

	private static RecordedFeedServer boards;

	@Autowired
	private DatabaseClient db;

	@DynamicPropertySource
	static void productionLifetime(DynamicPropertyRegistry registry) {
		registry.add("skillpath.jobs.listing.default-lifetime", () -> "60d");
	}

	@BeforeAll
	static void startBoards() throws IOException {
		boards = new RecordedFeedServer();
	}

	@AfterAll
	static void stopBoards() {
		boards.close();
	}

	@Test
	void oldGreenhousePostingsStayOpenWhileTheBoardCarriesThemAnd304sKeepThemOpen() {
		String partnerId = partner("gh-old").id();
		String path = "/greenhouse-" + partnerId;
		boards.serve(path, "greenhouse-old.json");
		String feed = addFeed(feed(partnerId, "GREENHOUSE", path, "Old Oak Ledgers"));
		assertThat(lastCounts(pull(feed))).containsEntry("created", 2);
		List<Map<String, Object>> open = jobsOf("Old Oak Ledgers");
		assertThat(open).extracting((j) -> j.get("title"))
			.containsExactlyInAnyOrder("Backend Engineer, Ledger", "Data Engineer");
		assertThat(open).allSatisfy((job) -> {
			assertThat(job).containsEntry("status", "OPEN");
			assertThat(job.get("validThrough")).as("no expiry date of its own").isNull();
			assertThat((String) job.get("postedAt")).startsWith("2025-1");
		});

		assertThat(lastCounts(pull(feed))).containsEntry("notModified", true);
		assertThat(jobsOf("Old Oak Ledgers")).as("still carried: a 304 changes nothing").hasSize(2);

		boards.serve(path, "greenhouse-old-shrunk.json");
		assertThat(lastCounts(pull(feed))).containsEntry("unchanged", 1).containsEntry("closed", 1);
		assertThat(jobsOf("Old Oak Ledgers")).extracting((j) -> j.get("title"))
			.containsExactly("Backend Engineer, Ledger");
		assertThat(status(idOf(open, "Data Engineer"))).isEqualTo("CLOSED");
	}

	@Test
	void oldLeverPostingsStayOpenUntilTheBoardDropsThem() {
		String partnerId = partner("lever-old").id();
		String path = "/lever-" + partnerId;
		boards.serve(path, "lever-old.json");
		String feed = addFeed(feed(partnerId, "LEVER", path, "Longhaul Logistics"));
		assertThat(lastCounts(pull(feed))).containsEntry("created", 2);
		List<Map<String, Object>> open = jobsOf("Longhaul Logistics");
		assertThat(open).extracting((j) -> j.get("title"))
			.containsExactlyInAnyOrder("Platform Engineer", "Java Developer");
		assertThat(open).allSatisfy((job) -> assertThat(job).containsEntry("status", "OPEN"));
		assertThat(lastCounts(pull(feed))).containsEntry("notModified", true);

		boards.serve(path, "lever-old-shrunk.json");
		assertThat(lastCounts(pull(feed))).containsEntry("closed", 1);
		assertThat(jobsOf("Longhaul Logistics")).extracting((j) -> j.get("title")).containsExactly("Java Developer");
		assertThat(status(idOf(open, "Platform Engineer"))).isEqualTo("CLOSED");
	}

	@Test
	void anRssItemIsOpenWhileCarriedUntilTheExpiryDateItGives() throws InterruptedException {
		String partnerId = partner("rss-old").id();
		String path = "/rss-" + partnerId;
		Instant soon = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
		boards.serve(path, "rss-old.xml", Map.of("@VALID_THROUGH@", soon.toString()));
		String feed = addFeed(feed(partnerId, "RSS", path, "Stillwater Studio"));
		assertThat(lastCounts(pull(feed))).containsEntry("created", 3).containsEntry("rejected", 0);
		List<Map<String, Object>> open = jobsOf("Stillwater Studio");
		assertThat(open).as("the Django item gave an expiry date that has passed")
			.extracting((j) -> j.get("title"))
			.containsExactlyInAnyOrder("Ruby Developer", "Laravel Developer");
		assertThat(open).filteredOn((j) -> j.get("title").equals("Laravel Developer"))
			.singleElement()
			.satisfies((job) -> assertThat(job).containsEntry("validThrough", soon.toString()));

		Thread.sleep(Math.max(0, Duration.between(Instant.now(), soon).toMillis()) + 500);
		assertThat(jobsOf("Stillwater Studio")).as("the Laravel item's date has passed, without a pull")
			.extracting((j) -> j.get("title"))
			.containsExactly("Ruby Developer");
		assertThat(status(idOf(open, "Laravel Developer"))).isEqualTo("EXPIRED");

		boards.serve(path, "rss-old-shrunk.xml", Map.of("@VALID_THROUGH@", soon.toString()));
		assertThat(lastCounts(pull(feed))).containsEntry("closed", 1);
		assertThat(jobsOf("Stillwater Studio")).isEmpty();
		assertThat(status(idOf(open, "Ruby Developer"))).isEqualTo("CLOSED");
	}

	@Test
	void aPushedListingWithoutAnExpiryDateStillExpiresByAge() {
		String key = registerPartner("push-old");
		String postedLongAgo = "\"postedAt\": \"2025-11-02\"";
		String until = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString();
		Map<String, Object> report = push(key, MediaType.APPLICATION_JSON, "{\"jobs\": ["
				+ ourJob("po-1", "Old Pushed Role", "Pushed Long Ago", postedLongAgo) + "," + ourJob("po-2",
						"Dated Pushed Role", "Pushed Long Ago", postedLongAgo + ", \"validThrough\": \"" + until + "\"")
				+ "]}");
		assertThat(status(jobId(report, 0))).isEqualTo("EXPIRED");
		assertThat(validThrough(jobId(report, 0))).as("posting date + 60 days").isEqualTo("2026-01-01T00:00:00Z");
		assertThat(jobsOf("Pushed Long Ago")).extracting((j) -> j.get("title")).containsExactly("Dated Pushed Role");
	}

	@Test
	void aJobAPartnerPushesAndAFeedCarriesIsOpenWhileTheFeedCarriesIt() {
		String key = registerPartner("push-dup");
		String pushed = jobId(push(key, MediaType.APPLICATION_JSON, """
				{"externalId": "dup-1", "title": "Data Engineer", "company": "Twice Told", "location": "Boston, MA",
				 "postedAt": "2025-11-02", "description": "<p>Kafka and Python pipelines, as pushed.</p>"}"""), 0);
		assertThat(status(pushed)).isEqualTo("EXPIRED");

		String partnerId = partner("gh-dup").id();
		String path = "/greenhouse-" + partnerId;
		boards.serve(path, "greenhouse-old.json");
		String feed = addFeed(feed(partnerId, "GREENHOUSE", path, "Twice Told"));
		assertThat(lastCounts(pull(feed))).containsEntry("created", 2);
		assertThat(status(pushed)).as("the feed carries the same job").isEqualTo("OPEN");
		assertThat(validThrough(pushed)).isNull();

		boards.serve(path, "greenhouse-old-shrunk.json");
		assertThat(lastCounts(pull(feed))).containsEntry("closed", 1);
		assertThat(status(pushed)).as("only the push carries it now: its expiry by age").isEqualTo("EXPIRED");
		assertThat(validThrough(pushed)).isEqualTo("2026-01-01T00:00:00Z");
	}

	@Test
	void theListingsOfARemovedFeedExpireByAgeLikePushedOnes() {
		String partnerId = partner("gh-removed").id();
		String path = "/greenhouse-" + partnerId;
		boards.serve(path, "greenhouse-old.json");
		String feed = addFeed(feed(partnerId, "GREENHOUSE", path, "Gone Feed Ltd"));
		assertThat(lastCounts(pull(feed))).containsEntry("created", 2);
		List<Map<String, Object>> open = jobsOf("Gone Feed Ltd");
		assertThat(open).hasSize(2);

		this.admin.document("mutation($id: ID!) { removeFeed(id: $id) }")
			.variable("id", feed)
			.execute()
			.path("removeFeed")
			.entity(String.class)
			.isEqualTo(feed);
		assertThat(jobsOf("Gone Feed Ltd")).isEmpty();
		assertThat(status(idOf(open, "Data Engineer"))).isEqualTo("EXPIRED");
		assertThat(validThrough(idOf(open, "Data Engineer"))).isEqualTo("2026-01-01T14:00:00Z");
	}

	@Test
	void listingsStoredExpiredBeforeTheUpgradeOpenAtTheNextPull() {
		String partnerId = partner("gh-upgrade").id();
		String path = "/greenhouse-" + partnerId;
		boards.serve(path, "greenhouse-old.json");
		String feed = addFeed(feed(partnerId, "GREENHOUSE", path, "Upgraded Boards"));
		assertThat(lastCounts(pull(feed))).containsEntry("created", 2);
		UUID id = UUID.fromString(feed);
		// as the earlier version stored them: expired at the posting date + 60 days
		sql("UPDATE job SET valid_through = posted_at + interval '60 days' "
				+ "WHERE id IN (SELECT job_id FROM job_source WHERE feed_id = :feed)", id);
		sql("UPDATE job_source SET valid_through = j.posted_at + interval '60 days' FROM job j "
				+ "WHERE j.id = job_source.job_id AND job_source.feed_id = :feed", id);
		assertThat(jobsOf("Upgraded Boards")).isEmpty();
		// what V5__expiry_per_source.sql does to stored feed records
		sql("UPDATE job_source SET content_hash = 'reread:' || content_hash "
				+ "WHERE feed_id = :feed AND removed_at IS NULL", id);
		sql("UPDATE feed SET etag = NULL, last_modified = NULL WHERE id = :feed", id);

		assertThat(lastCounts(pull(feed))).containsEntry("updated", 2).containsEntry("notModified", false);
		assertThat(jobsOf("Upgraded Boards")).hasSize(2)
			.allSatisfy((job) -> assertThat(job.get("validThrough")).isNull());
		assertThat(lastCounts(pull(feed))).containsEntry("notModified", true);
	}

	private void sql(String statement, UUID feedId) {
		this.db.sql(statement).bind("feed", feedId).fetch().rowsUpdated().block(Duration.ofSeconds(10));
	}

	private static Map<String, Object> feed(String partnerId, String kind, String path, String company) {
		return Map.of("partnerId", partnerId, "kind", kind, "url", boards.url(path), "companyName", company);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> lastCounts(Map<String, Object> pulled) {
		assertThat(pulled.get("lastError")).isNull();
		return (Map<String, Object>) pulled.get("lastCounts");
	}

	private Map<String, Object> pull(String feedId) {
		return this.admin.document("""
				mutation($id: ID!) { pullFeed(id: $id) { lastError
				  lastCounts { created updated unchanged rejected closed notModified } } }""")
			.variable("id", feedId)
			.execute()
			.path("pullFeed")
			.entity(MAP)
			.get();
	}

	private List<Map<String, Object>> jobsOf(String company) {
		return this.anonymous.document("""
				query($t: String) { jobs(filter: {text: $t}, first: 50) {
				  edges { node { id title company { name } status postedAt validThrough } } } }""")
			.variable("t", company)
			.execute()
			.path("jobs.edges[*].node")
			.entityList(MAP)
			.get()
			.stream()
			.filter((job) -> job.get("company").equals(Map.of("name", company)))
			.toList();
	}

	private static String idOf(List<Map<String, Object>> jobs, String title) {
		return jobs.stream()
			.filter((job) -> job.get("title").equals(title))
			.map((job) -> (String) job.get("id"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + title + " in " + jobs));
	}

	private String status(String jobId) {
		return job(jobId).get("status").toString();
	}

	private Object validThrough(String jobId) {
		return job(jobId).get("validThrough");
	}

	private Map<String, Object> job(String jobId) {
		return this.anonymous.document("query($id: ID!) { job(id: $id) { status validThrough } }")
			.variable("id", jobId)
			.execute()
			.path("job")
			.entity(MAP)
			.get();
	}

}
