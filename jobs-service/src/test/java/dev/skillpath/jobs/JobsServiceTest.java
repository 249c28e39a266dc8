package dev.skillpath.jobs;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.skillpath.content.ContentServiceApplication;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.RunningService;
import dev.skillpath.support.testing.ServiceTest;
import dev.skillpath.support.testing.SqlCountingConfiguration;
import dev.skillpath.support.testing.TestClients;
import dev.skillpath.support.testing.UsesTestDatabase;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of jobs-service tests: the real service on a random port and a real PostgreSQL,
 * with a real content-service started once per run in the same JVM (its skills and
 * aliases tag the listings, over HTTP). Tests use partner ids and company names of their
 * own, so they share the one database without seeing each other's listings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + JobsServiceApplication.NAME, "skillpath.jobs.push.max-records=50",
				"skillpath.jobs.push.max-bytes=256KB", "skillpath.jobs.feeds.poll-interval=0s",
				// recorded bodies carry fixed dates; a long default lifetime keeps them
				// open for years
				"skillpath.jobs.listing.default-lifetime=3650d" })
@ActiveProfiles("test")
@UsesTestDatabase
@Import(SqlCountingConfiguration.class)
public abstract class JobsServiceTest extends ServiceTest {

	private static RunningService content;

	@DynamicPropertySource
	static void contentService(DynamicPropertyRegistry registry) {
		registry.add("skillpath.jobs.content.graphql-url", () -> content().graphqlUrl());
	}

	/** content-service, started on first use and kept for the whole run. */
	protected static synchronized RunningService content() {
		if (content == null) {
			content = RunningService.start(ContentServiceApplication.class, ContentServiceApplication.NAME, Map.of());
			Runtime.getRuntime().addShutdownHook(new Thread(content::close, "content-service-stop"));
		}
		return content;
	}

	/** An administrator: registers partners and their feeds. */
	protected HttpGraphQlTester admin;

	@BeforeEach
	void createAdminClient() {
		this.admin = as("admin-ada", Role.ADMIN);
	}

	/** A partner as registered: its id, and the API key it pushes with. */
	protected record Partner(String id, String apiKey) {
	}

	/** Registers a partner with a unique id starting with {@code prefix} as ADMIN. */
	protected Partner partner(String prefix) {
		return partner(this.admin, prefix);
	}

	/**
	 * Registers a partner with a unique id starting with {@code prefix} as {@code admin}.
	 */
	protected static Partner partner(HttpGraphQlTester admin, String prefix) {
		String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		String key = admin
			.document("mutation($id: ID!) { registerPartner(input: {id: $id, name: \"Test partner\"}) "
					+ "{ apiKey partner { id } } }")
			.variable("id", id)
			.execute()
			.path("registerPartner.apiKey")
			.entity(String.class)
			.get();
		return new Partner(id, key);
	}

	/** Registers a partner with a unique id as ADMIN and answers its API key. */
	protected String registerPartner(String prefix) {
		return partner(prefix).apiKey();
	}

	/**
	 * Adds a feed as ADMIN ({@code input} holds the fields of AddFeedInput); answers its
	 * id.
	 */
	protected String addFeed(Map<String, Object> input) {
		return this.admin.document("mutation($input: AddFeedInput!) { addFeed(input: $input) { id } }")
			.variable("input", input)
			.execute()
			.path("addFeed.id")
			.hasValue()
			.entity(String.class)
			.get();
	}

	/** A push of {@code body} as {@code type} with {@code key}, not sent yet. */
	protected static WebTestClient.RequestHeadersSpec<?> pushing(WebTestClient http, String key, MediaType type,
			Object body) {
		return http.post().uri("/partner/v1/jobs").header("X-Api-Key", key).contentType(type).bodyValue(body);
	}

	/** A push to the service under test, not sent yet. */
	protected WebTestClient.RequestHeadersSpec<?> pushing(String key, MediaType type, Object body) {
		return pushing(this.http, key, type, body);
	}

	/**
	 * Pushes {@code body} as {@code type} with {@code key}, expecting 200; answers the
	 * report.
	 */
	protected Map<String, Object> push(String key, MediaType type, String body) {
		return TestClients.okJson(pushing(key, type, body));
	}

	/** Lists the listings of the partner with {@code key}. */
	protected WebTestClient.ResponseSpec listings(String key) {
		return this.http.get().uri("/partner/v1/jobs").header("X-Api-Key", key).exchange();
	}

	@SuppressWarnings("unchecked")
	protected static List<Map<String, Object>> results(Map<String, Object> report) {
		return (List<Map<String, Object>>) report.get("results");
	}

	@SuppressWarnings("unchecked")
	protected static Map<String, Object> counts(Map<String, Object> report) {
		return (Map<String, Object>) report.get("counts");
	}

	protected static String jobId(Map<String, Object> report, int index) {
		return (String) results(report).get(index).get("jobId");
	}

	/** A posting in our JSON format; {@code extra} is spliced in as more fields. */
	protected static String ourJob(String externalId, String title, String company, String extra) {
		return """
				{"externalId": "%s", "title": "%s", "company": "%s", "location": "Berlin, Germany",
				 "description": "<p>We build APIs.</p>"%s}""".formatted(externalId, title, company,
				extra == null || extra.isEmpty() ? "" : ", " + extra);
	}

	/** A Map type for GraphQL answers. */
	protected static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

}
