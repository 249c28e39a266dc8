package dev.skillpath.jobs;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import dev.skillpath.support.testing.Actuator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The business metrics that deploy/prometheus/alerts.yml and the job-ingestion dashboard
 * read, as a Prometheus scrape shows them: listings by partner, format and outcome, feed
 * pulls by outcome, and each feed's last good pull age and interval.
 */
class JobsMetricsTest extends JobsServiceTest {

	private static RecordedFeedServer boards;

	@BeforeAll
	static void startBoards() throws IOException {
		boards = new RecordedFeedServer().serve("/indeed", "indeed.xml");
	}

	@AfterAll
	static void stopBoards() {
		boards.close();
	}

	@Test
	void listingsAreCountedByPartnerFormatAndOutcome() {
		Partner first = partner("metrics-a");
		Partner second = partner("metrics-b");
		String company = "Metered " + UUID.randomUUID().toString().substring(0, 8);
		String batch = "[" + ourJob("m-1", "Kafka Engineer", company, null) + ","
				+ ourJob("m-2", "Go Engineer", company, null) + "," + ourJob("m-3", "", company, null) + "]";
		push(first.apiKey(), MediaType.APPLICATION_JSON, batch);
		push(first.apiKey(), MediaType.APPLICATION_JSON, batch);
		push(first.apiKey(), MediaType.APPLICATION_JSON,
				"[" + ourJob("m-1", "Kafka Engineer", company, "\"employmentType\": \"CONTRACTOR\"") + "]");
		// the other partner sends the same posting: merged into the first partner's job
		push(second.apiKey(), MediaType.valueOf("application/ld+json"), """
				{"@context": "https://schema.org", "@type": "JobPosting", "identifier": "other-1",
				 "title": "Go Engineer", "hiringOrganization": {"name": "%s"},
				 "jobLocation": {"address": {"addressLocality": "Berlin", "addressCountry": "DE"}},
				 "description": "<p>We build APIs.</p>"}""".formatted(company));

		String scrape = scrape();
		assertThat(listings(scrape, first.id(), "json", "created")).isEqualTo(2);
		assertThat(listings(scrape, first.id(), "json", "unchanged")).isEqualTo(2);
		assertThat(listings(scrape, first.id(), "json", "updated")).isEqualTo(1);
		assertThat(listings(scrape, first.id(), "json", "rejected")).isEqualTo(2);
		assertThat(listings(scrape, first.id(), "json", "duplicate")).as("counters start together at zero").isZero();
		assertThat(listings(scrape, second.id(), "json-ld", "duplicate")).isEqualTo(1);
		assertThat(listings(scrape, second.id(), "json-ld", "created")).isZero();
	}

	@Test
	void feedsShowTheirPullsTheAgeOfTheirLastGoodPullAndTheirInterval() {
		Partner board = partner("metrics-feed");
		String good = addFeed(board.id(), boards.url("/indeed"), 15);
		String broken = addFeed(board.id(), boards.url("/gone"), 60);
		String scrape = scrape();
		assertThat(value(scrape, "skillpath_jobs_feed_interval_seconds", "feed=\"" + good + "\"")).isEqualTo(900);
		assertThat(value(scrape, "skillpath_jobs_feed_interval_seconds", "feed=\"" + broken + "\"")).isEqualTo(3600);
		assertThat(value(scrape, "skillpath_jobs_feed_last_good_pull_age_seconds", "feed=\"" + good + "\""))
			.as("never pulled: age since it was added")
			.isBetween(0.0, 60.0);

		pull(good);
		pull(broken);
		pull(broken);
		scrape = scrape();
		assertThat(value(scrape, "skillpath_jobs_feed_pulls_total", "feed=\"" + good + "\"", "outcome=\"success\""))
			.isEqualTo(1);
		assertThat(value(scrape, "skillpath_jobs_feed_pulls_total", "feed=\"" + broken + "\"", "outcome=\"failure\""))
			.isEqualTo(2);
		assertThat(value(scrape, "skillpath_jobs_feed_last_good_pull_age_seconds", "feed=\"" + good + "\""))
			.isBetween(0.0, 60.0);
		assertThat(value(scrape, "skillpath_jobs_listings_total", "partner=\"" + board.id() + "\"", "format=\"xml\"",
				"outcome=\"created\""))
			.as("listings of the pulled feed")
			.isPositive();

		this.admin.document("mutation($id: ID!) { removeFeed(id: $id) }").variable("id", broken).execute();
		assertThat(scrape()).doesNotContain("feed=\"" + broken + "\"} ");
	}

	private String addFeed(String partnerId, String url, int intervalMinutes) {
		return addFeed(
				Map.of("partnerId", partnerId, "kind", "INDEED_XML", "url", url, "intervalMinutes", intervalMinutes));
	}

	private void pull(String feedId) {
		this.admin.document("mutation($id: ID!) { pullFeed(id: $id) { id } }").variable("id", feedId).execute();
	}

	private String scrape() {
		return Actuator.scrape(this.http);
	}

	private static double listings(String scrape, String partner, String format, String outcome) {
		return value(scrape, "skillpath_jobs_listings_total", "partner=\"" + partner + "\"",
				"format=\"" + format + "\"", "outcome=\"" + outcome + "\"");
	}

	/**
	 * The value of the one sample of {@code metric} whose labels hold every one of
	 * {@code labels}.
	 */
	private static double value(String scrape, String metric, String... labels) {
		Map<String, Double> samples = new java.util.LinkedHashMap<>();
		for (String line : scrape.split("\n")) {
			if (line.startsWith(metric + "{") && java.util.Arrays.stream(labels).allMatch(line::contains)) {
				samples.put(line, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
			}
		}
		assertThat(samples).as("samples of %s with %s", metric, java.util.List.of(labels)).hasSize(1);
		return samples.values().iterator().next();
	}

}
