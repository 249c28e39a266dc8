package dev.skillpath.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import dev.skillpath.support.security.DevTokenIssuer;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.TestClients;
import dev.skillpath.support.testing.UsesTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * jobs-service started while content-service cannot be reached: listings pushed meanwhile
 * are stored untagged, the skills are asked for again within seconds (not at the next
 * 10-minute refresh), and once they arrive those listings are tagged. content-service is
 * the real one, reached through a forwarding port that opens only when the test says so.
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

	private static final int CONTENT_PORT = freePort();

	private static HttpServer forwarder;

	@DynamicPropertySource
	static void unreachableContentService(DynamicPropertyRegistry registry) {
		registry.add("skillpath.jobs.content.graphql-url", () -> "http://localhost:" + CONTENT_PORT + "/graphql");
	}

	@LocalServerPort
	int port;

	@Autowired
	DevTokenIssuer tokens;

	@AfterAll
	static void stopForwarder() {
		if (forwarder != null) {
			forwarder.stop(0);
		}
	}

	@Test
	void listingsStoredBeforeTheFirstSkillsAreTaggedOnceTheyArrive() throws IOException {
		String baseUrl = "http://localhost:" + this.port;
		HttpGraphQlTester admin = TestClients.graphql(baseUrl, this.tokens.issue("admin-ada", Role.ADMIN));
		HttpGraphQlTester anonymous = TestClients.graphql(baseUrl, null);
		WebTestClient http = TestClients.http(baseUrl);
		String key = admin
			.document("mutation($id: ID!) { registerPartner(input: {id: $id, name: \"Early\"}) { apiKey } }")
			.variable("id", "early-" + UUID.randomUUID().toString().substring(0, 8))
			.execute()
			.path("registerPartner.apiKey")
			.entity(String.class)
			.get();

		Map<String, Object> report = http.post()
			.uri("/partner/v1/jobs")
			.header("X-Api-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					[{"externalId": "early-1", "title": "Kafka Engineer", "company": "Early Streams",
					  "description": "<p>You build pipelines with Kafka and PostgreSQL.</p>"}]""")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		@SuppressWarnings("unchecked")
		String jobId = (String) ((List<Map<String, Object>>) report.get("results")).get(0).get("jobId");
		String query = "query($id: ID!) { job(id: $id) { requiredSkills { id } } }";
		assertThat(anonymous.document(query)
			.variable("id", jobId)
			.execute()
			.path("job.requiredSkills[*].id")
			.entityList(String.class)
			.get()).as("tagged without skills").isEmpty();

		openForwarder(JobsServiceTest.content().graphqlUrl());
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

	/** Opens the content port: every request is sent on to the real content-service. */
	private static void openForwarder(String target) throws IOException {
		HttpClient client = HttpClient.newHttpClient();
		forwarder = HttpServer.create(new InetSocketAddress("127.0.0.1", CONTENT_PORT), 0);
		forwarder.createContext("/", (exchange) -> {
			try (exchange) {
				HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create(target))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()))
					.build(), HttpResponse.BodyHandlers.ofByteArray());
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(answer.body());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		forwarder.start();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
