package dev.skillpath.jobs;

import java.time.Duration;
import java.util.Map;

import dev.skillpath.support.security.DevTokenIssuer;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.TcpProxy;
import dev.skillpath.support.testing.TestClients;
import dev.skillpath.support.testing.UsesTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * jobs-service started while content-service cannot be reached: listings pushed meanwhile
 * are stored untagged, the skills are asked for again within seconds (not at the next
 * 10-minute refresh), and once they arrive those listings are tagged. content-service is
 * the real one, reached through a TCP proxy that listens only once the test says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + JobsServiceApplication.NAME, "skillpath.jobs.feeds.poll-interval=0s",
				"skillpath.jobs.content.first-load-retry=200ms", "skillpath.jobs.content.first-load-max-retry=1s" })
@ActiveProfiles("test")
@UsesTestDatabase
// a context no other test shares: closed afterwards, so its connections go back to the
// server
@DirtiesContext
class SkillsArriveLateTest {

	/**
	 * In front of the real content-service; refuses connections until the test opens it.
	 */
	private static TcpProxy content;

	@DynamicPropertySource
	static void unreachableContentService(DynamicPropertyRegistry registry) {
		content = TcpProxy.to(JobsServiceTest.content().port());
		content.stop();
		registry.add("skillpath.jobs.content.graphql-url", () -> content.baseUrl() + "/graphql");
	}

	@LocalServerPort
	int port;

	@Autowired
	DevTokenIssuer tokens;

	@AfterAll
	static void closeContentProxy() {
		if (content != null) {
			content.close();
		}
	}

	@Test
	void listingsStoredBeforeTheFirstSkillsAreTaggedOnceTheyArrive() {
		String baseUrl = "http://localhost:" + this.port;
		HttpGraphQlTester admin = TestClients.graphql(baseUrl, this.tokens.issue("admin-ada", Role.ADMIN));
		HttpGraphQlTester anonymous = TestClients.graphql(baseUrl, null);
		String key = JobsServiceTest.partner(admin, "early").apiKey();

		Map<String, Object> report = TestClients
			.okJson(JobsServiceTest.pushing(TestClients.http(baseUrl), key, MediaType.APPLICATION_JSON, """
					[{"externalId": "early-1", "title": "Kafka Engineer", "company": "Early Streams",
					  "description": "<p>You build pipelines with Kafka and PostgreSQL.</p>"}]"""));
		String jobId = JobsServiceTest.jobId(report, 0);
		String query = "query($id: ID!) { job(id: $id) { requiredSkills { id } } }";
		assertThat(anonymous.document(query)
			.variable("id", jobId)
			.execute()
			.path("job.requiredSkills[*].id")
			.entityList(String.class)
			.get()).as("tagged without skills").isEmpty();

		content.start();
		// retries back off to at most 1 s here; the next scheduled refresh would be 10
		// minutes away
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(anonymous.document(query)
				.variable("id", jobId)
				.execute()
				.path("job.requiredSkills[*].id")
				.entityList(String.class)
				.get()).contains("kafka", "postgresql"));
	}

}
