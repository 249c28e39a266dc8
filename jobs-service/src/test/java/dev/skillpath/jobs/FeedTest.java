package dev.skillpath.jobs;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.skillpath.jobs.feed.Feed;
import dev.skillpath.jobs.feed.FeedPuller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.skillpath.support.testing.GraphQlErrors.assertCode;
import static dev.skillpath.support.testing.GraphQlErrors.firstError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pulled feeds against a local server with recorded bodies: each format, 304s, retries,
 * closing, leases.
 */
class FeedTest extends JobsServiceTest {

	private static RecordedFeedServer boards;

	@Autowired
	private FeedPuller puller;

	@BeforeAll
	static void startBoards() throws IOException {
		boards = new RecordedFeedServer().serve("/greenhouse", "greenhouse.json")
			.serve("/lever", "lever.json")
			.serve("/rss", "rss.xml")
			.serve("/indeed", "indeed.xml")
			.serve("/flaky", "indeed.xml")
			.serve("/slow", "greenhouse.json");
	}

	@AfterAll
	static void stopBoards() {
		boards.close();
	}

	private String addFeed(String partnerId, String kind, String path, String company) {
		Map<String, Object> input = new HashMap<>(
				Map.of("partnerId", partnerId, "kind", kind, "url", boards.url(path)));
		if (company != null) {
			input.put("companyName", company);
		}
		return addFeed(input);
	}

	private Map<String, Object> pull(String feedId) {
		return this.admin.document("""
				mutation($id: ID!) { pullFeed(id: $id) { lastSuccessAt lastError
				  lastCounts { created updated unchanged rejected closed notModified } } }""")
			.variable("id", feedId)
			.execute()
			.path("pullFeed")
			.entity(MAP)
			.get();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> lastCounts(Map<String, Object> feed) {
		return (Map<String, Object>) feed.get("lastCounts");
	}

	private List<Map<String, Object>> jobsOf(String company) {
		return this.anonymous.document("""
				query($t: String) { jobs(filter: {text: $t}, first: 50) { edges { node { id title company { name }
				  remote employmentType seniority location { city country } salary { min max currency period source }
				  requiredSkills { id } niceToHaveSkills { id } status sources { url } } } } }""")
			.variable("t", company)
			.execute()
			.path("jobs.edges[*].node")
			.entityList(MAP_CLASS)
			.get();
	}

	@Test
	void aFeedThatKeepsFailingWaitsTwiceAsLongAfterEachFailureAndAGoodPullStartsOver() {
		String path = "/broken-" + UUID.randomUUID();
		String feed = addFeed(Map.of("partnerId", partner("pause").id(), "kind", "GREENHOUSE", "url", boards.url(path),
				"intervalMinutes", 60));
		for (long expected : new long[] { 60, 120, 240, 360, 360 }) { // doubling, at most
																		// six hours
			Map<String, Object> failed = pullWithNextRun(feed);
			assertThat(failed.get("lastError")).isNotNull();
			assertThat(minutesUntil(failed.get("nextRunAt"))).as("minutes to the next pull")
				.isBetween(expected - 2, expected);
		}
		boards.serve(path, "greenhouse.json");
		Map<String, Object> good = pullWithNextRun(feed);
		assertThat(good.get("lastSuccessAt")).isNotNull();
		assertThat(minutesUntil(good.get("nextRunAt"))).as("the interval again after a good pull").isBetween(58L, 60L);
	}

	private Map<String, Object> pullWithNextRun(String feedId) {
		return this.admin.document("mutation($id: ID!) { pullFeed(id: $id) { lastSuccessAt lastError nextRunAt } }")
			.variable("id", feedId)
			.execute()
			.path("pullFeed")
			.entity(MAP)
			.get();
	}

	private static long minutesUntil(Object isoTime) {
		return java.time.Duration
			.between(java.time.Instant.now(), java.time.OffsetDateTime.parse((String) isoTime).toInstant())
			.plusSeconds(30)
			.toMinutes();
	}

	@Test
	void greenhouseBoardsArePulledAndAnUnchangedBoardAnswers304() {
		String feed = addFeed(partner("gh").id(), "GREENHOUSE", "/greenhouse", "Evergreen Fintech");
		Map<String, Object> first = pull(feed);
		assertThat(lastCounts(first)).containsEntry("created", 2).containsEntry("notModified", false);
		assertThat(first.get("lastSuccessAt")).isNotNull();
		List<Map<String, Object>> jobs = jobsOf("Evergreen Fintech");
		assertThat(jobs).hasSize(2);
		Map<String, Object> payments = jobs.stream()
			.filter((j) -> j.get("title").toString().contains("Payments"))
			.findFirst()
			.orElseThrow();
		assertThat(payments.get("salary")).isEqualTo(
				Map.of("min", 140000.0, "max", 170000.0, "currency", "USD", "period", "YEAR", "source", "PARSED"));
		assertThat(payments.get("requiredSkills").toString()).contains("python").contains("postgresql");
		assertThat(payments.get("location")).isEqualTo(Map.of("city", "New York", "country", "US"));

		Map<String, Object> second = pull(feed);
		assertThat(lastCounts(second)).containsEntry("notModified", true).containsEntry("created", 0);
		assertThat(boards.requests("/greenhouse")).isEqualTo(2);
	}

	@Test
	void leverPostingsKeepSalaryWorkplaceAndNiceToHaveLists() {
		String feed = addFeed(partner("lever").id(), "LEVER", "/lever", "Brightwave Energy");
		assertThat(lastCounts(pull(feed))).containsEntry("created", 2);
		List<Map<String, Object>> jobs = jobsOf("Brightwave Energy");
		Map<String, Object> senior = jobs.stream()
			.filter((j) -> j.get("title").equals("Senior Java Engineer"))
			.findFirst()
			.orElseThrow(() -> new AssertionError(jobs));
		assertThat(senior).containsEntry("remote", "HYBRID")
			.containsEntry("employmentType", "FULL_TIME")
			.containsEntry("seniority", "SENIOR");
		assertThat(senior.get("salary").toString()).contains("currency=EUR").contains("source=FEED");
		assertThat(senior.get("requiredSkills").toString()).contains("java").contains("spring-boot").contains("kafka");
		assertThat(senior.get("niceToHaveSkills").toString()).contains("docker");
	}

	@Test
	void rssItemsUseTheirJsonLdJobPostingWhenTheyCarryOne() {
		String feed = addFeed(partner("rss").id(), "RSS", "/rss", "Riverbend Media");
		assertThat(lastCounts(pull(feed))).containsEntry("created", 2).containsEntry("rejected", 0);
		List<Map<String, Object>> jobs = jobsOf("Riverbend Media");
		Map<String, Object> node = jobs.stream()
			.filter((j) -> j.get("title").equals("Node.js Developer"))
			.findFirst()
			.orElseThrow();
		assertThat(node).containsEntry("employmentType", "CONTRACTOR");
		assertThat(node.get("location")).isEqualTo(Map.of("city", "Manchester", "country", "GB"));
		assertThat(node.get("salary").toString()).contains("period=DAY").contains("currency=GBP");
		assertThat(node.get("requiredSkills").toString()).contains("nodejs").contains("mongodb");
		assertThat(jobs).extracting((j) -> j.get("title")).contains("PHP Developer");
	}

	@Test
	void listingsMissingFromAFullFeedAreClosed() {
		String partnerId = partner("indeed").id();
		String path = "/indeed-" + partnerId;
		boards.serve(path, "closing.xml");
		String feed = addFeed(partnerId, "INDEED_XML", path, null);
		assertThat(lastCounts(pull(feed))).containsEntry("created", 2);
		boards.serve(path, "closing-shrunk.xml");
		assertThat(lastCounts(pull(feed))).containsEntry("unchanged", 1).containsEntry("closed", 1);
		this.admin.document("query($p: ID) { feeds(partnerId: $p) { lastCounts { closed } lastSuccessAt } }")
			.variable("p", partnerId)
			.execute()
			.path("feeds[0].lastCounts.closed")
			.entity(Integer.class)
			.isEqualTo(1);
		this.anonymous
			.document("{ jobs(filter: {text: \"Closing Time\", country: \"IE\"}) { edges { node { title } } } }")
			.execute()
			.path("jobs.edges[*].node.title")
			.entityList(String.class)
			.contains("Ruby Developer")
			.doesNotContain("Go Developer");
	}

	@Test
	void transientFailuresAreRetriedAndPermanentOnesShowOnTheFeed() {
		String partnerId = partner("flaky").id();
		String flaky = addFeed(partnerId, "INDEED_XML", "/flaky", null);
		Map<String, Object> pulled = pull(flaky);
		assertThat(pulled.get("lastError")).isNull();
		assertThat(lastCounts(pulled)).containsEntry("created", 2);
		assertThat(boards.requests("/flaky")).isEqualTo(2);

		String missing = addFeed(partnerId, "INDEED_XML", "/missing", null);
		Map<String, Object> failed = pull(missing);
		assertThat(failed.get("lastError").toString()).contains("404");
		assertThat(failed.get("lastSuccessAt")).isNull();
		assertThat(boards.requests("/missing")).as("a 404 is not retried").isEqualTo(1);
	}

	@Test
	void twoPullersNeverPullTheSameFeedAtOnce() {
		String feed = addFeed(partner("slow").id(), "GREENHOUSE", "/slow", "Slowpoke Inc");
		List<Feed> pulled = Flux.merge(this.puller.pullNow(feed), this.puller.pullNow(feed), this.puller.pullNow(feed))
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(pulled).hasSize(1);
		assertThat(boards.requests("/slow")).isEqualTo(1);
		this.admin.document("mutation($id: ID!) { pullFeed(id: $id) { lastCounts { notModified } } }")
			.variable("id", feed)
			.execute()
			.path("pullFeed.lastCounts.notModified")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

	@Test
	void feedsAreAdminOnlyAndValidated() {
		assertCode(firstError(this.learner.document("{ feeds { id } }").execute()), "FORBIDDEN");
		assertThat(firstError(this.admin
			.document("mutation { addFeed(input: {partnerId: \"nobody\", kind: RSS, url: \"ftp://x\"}) { id } }")
			.execute()).getExtensions()).containsEntry("field", "input.url");
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP_CLASS = (Class) Map.class;

}
