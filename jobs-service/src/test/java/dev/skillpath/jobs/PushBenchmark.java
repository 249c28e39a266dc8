package dev.skillpath.jobs;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.skillpath.support.database.DatabaseCoordinates;
import dev.skillpath.support.security.DevTokenIssuer;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.TestDatabase;
import dev.skillpath.support.testing.UsesTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push throughput: 100,000 postings through {@code POST /partner/v1/jobs} (normalisation,
 * tagging, dedupe and batched writes included), beside a raw PostgreSQL {@code COPY} of the same
 * rows on the same machine. Run on demand:
 * {@code ./mvnw -o test -pl jobs-service -Dtest=PushBenchmark -Dskillpath.bench=true [-Dskillpath.bench.postings=100000]}.
 */
@EnabledIfSystemProperty(named = "skillpath.bench", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + JobsServiceApplication.NAME, "skillpath.jobs.push.max-records=1000",
				"skillpath.jobs.push.max-bytes=10MB", "skillpath.jobs.feeds.poll-interval=0s" })
@ActiveProfiles("test")
@UsesTestDatabase
class PushBenchmark {

	private static final String[] TITLES = { "Backend Engineer", "Senior Java Developer", "Python Developer",
			"Go Engineer", "Node.js Developer", "Platform Engineer", "Junior PHP Developer", "Data Engineer",
			".NET Developer", "Ruby on Rails Developer" };

	private static final String[] PLACES = { "Berlin, Germany", "Austin, TX", "London, UK", "Paris, France",
			"Toronto, ON", "Remote - United States", "Amsterdam, Netherlands", "Madrid, Spain" };

	private static final String[] STACKS = { "Java, Spring Boot and PostgreSQL", "Python, Django and Redis",
			"Go, gRPC and Kubernetes", "Node.js, Express and MongoDB", "C#, .NET and SQL Server",
			"Ruby on Rails and MySQL", "PHP, Laravel and MySQL", "Kafka, Cassandra and Docker" };

	@DynamicPropertySource
	static void contentService(DynamicPropertyRegistry registry) {
		registry.add("skillpath.jobs.content.graphql-url", () -> JobsServiceTest.content().graphqlUrl());
	}

	@LocalServerPort
	int port;

	@Autowired
	DevTokenIssuer tokens;

	@Autowired
	JsonMapper json;

	@Value("${skillpath.bench.postings:100000}")
	int postings;

	@Test
	void pushesPostingsAndComparesWithCopy() throws Exception {
		WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofMinutes(2)).build();
		HttpGraphQlTester admin = HttpGraphQlTester.create(http.mutate().baseUrl("http://localhost:" + this.port + "/graphql").build())
			.mutate().header("Authorization", "Bearer " + this.tokens.issue("bench", Role.ADMIN)).build();
		List<String> keys = new ArrayList<>();
		for (String partner : List.of("bench-a", "bench-b")) {
			keys.add(admin.document("mutation($id: ID!) { registerPartner(input: {id: $id, name: \"Bench\"}) { apiKey } }")
				.variable("id", partner + "-" + UUID.randomUUID().toString().substring(0, 6))
				.execute().path("registerPartner.apiKey").entity(String.class).get());
		}
		int batch = 1000;
		List<String> bodies = new ArrayList<>();
		List<Map<String, Object>> all = new ArrayList<>();
		for (int start = 0; start < this.postings; start += batch) {
			List<Map<String, Object>> records = new ArrayList<>();
			for (int i = start; i < Math.min(start + batch, this.postings); i++) {
				records.add(posting(i));
			}
			all.addAll(records);
			bodies.add(this.json.writeValueAsString(Map.of("jobs", records)));
		}
		long started = System.nanoTime();
		int created = 0;
		for (int b = 0; b < bodies.size(); b++) {
			Map<String, Object> report = http.post().uri("/partner/v1/jobs").header("X-Api-Key", keys.get(b % 2))
				.contentType(MediaType.APPLICATION_JSON).bodyValue(bodies.get(b))
				.exchange().expectStatus().isOk()
				.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
				}).returnResult().getResponseBody();
			created += (Integer) ((Map<?, ?>) report.get("counts")).get("created");
		}
		double pushSeconds = (System.nanoTime() - started) / 1e9;
		assertThat(created).isEqualTo(this.postings);

		double copySeconds = copy(all);
		double pushRate = this.postings / pushSeconds;
		double copyRate = this.postings / copySeconds;
		System.out.printf("%nPUSH BENCHMARK: %d postings pushed in %.1f s = %.0f listings/s; "
				+ "COPY of the same rows in %.2f s = %.0f rows/s; push is %.1f%% of COPY%n%n", this.postings, pushSeconds,
				pushRate, copySeconds, copyRate, 100 * pushRate / copyRate);
	}

	private Map<String, Object> posting(int i) {
		String stack = STACKS[i % STACKS.length];
		return Map.of("externalId", "bench-" + i, "title", TITLES[(i / 3) % TITLES.length], "company",
				"Company " + (i % 5000) + " GmbH", "location", PLACES[(i / 7) % PLACES.length], "description",
				"<p>We are hiring for our team number " + i + ". You will build and run services with " + stack
						+ ", write tests, review code and take part in on-call.</p><h3>Nice to have</h3><ul><li>Docker"
						+ "</li><li>Terraform</li></ul><p>Salary: $" + (80 + i % 60) + "k-$" + (100 + i % 60)
						+ "k per year.</p>",
				"url", "https://bench.example/jobs/" + i, "postedAt", "2026-11-20");
	}

	/** COPY of the same rows (as given) into a table shaped like job, over one JDBC connection. */
	private double copy(List<Map<String, Object>> rows) throws Exception {
		DatabaseCoordinates db = TestDatabase.get().createDatabase("bench_copy");
		try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(),
				db.password() == null ? "" : db.password()); Statement statement = connection.createStatement()) {
			statement.execute("""
					CREATE TABLE job_copy (id uuid PRIMARY KEY, external_id text, title text, company text,
					  location_text text, description_html text, url text, posted_at timestamptz)""");
			StringBuilder csv = new StringBuilder();
			for (Map<String, Object> row : rows) {
				csv.append(UUID.randomUUID()).append('\t').append(row.get("externalId")).append('\t')
					.append(row.get("title")).append('\t').append(row.get("company")).append('\t')
					.append(row.get("location")).append('\t').append(row.get("description")).append('\t')
					.append(row.get("url")).append('\t').append(row.get("postedAt")).append('\n');
			}
			long started = System.nanoTime();
			connection.unwrap(PGConnection.class).getCopyAPI()
				.copyIn("COPY job_copy FROM STDIN", new StringReader(csv.toString()));
			return (System.nanoTime() - started) / 1e9;
		}
	}

}
