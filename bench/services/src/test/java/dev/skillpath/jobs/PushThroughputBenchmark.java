package dev.skillpath.jobs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.skillpath.support.database.DatabaseCoordinates;
import dev.skillpath.support.security.DevTokenIssuer;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.TestDatabase;
import dev.skillpath.support.testing.UsesTestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push throughput (bench/run jobs-push): 100,000 generated postings pushed by one partner
 * through the real {@code POST /partner/v1/jobs} (normalisation, tagging, dedupe and the
 * batched writes included, real PostgreSQL), then a raw PostgreSQL {@code COPY} of the
 * same stored rows into a table of the same shape ({@code LIKE job INCLUDING ALL}: same
 * columns, generated search column and indexes) and, for reference, into the bare columns
 * without indexes. Skipped unless asked for: <pre>
 * bench/run jobs-push, or ./mvnw -o -q test -pl bench/services -am -Dtest=PushThroughputBenchmark -Dbenchmark=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dbenchmark.postings=100000] [-Dbenchmark.inFlight=2]
 * </pre> Results go to standard output and to
 * {@code jobs-service/target/push-benchmark.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + JobsServiceApplication.NAME, "skillpath.jobs.feeds.poll-interval=0s" })
@ActiveProfiles("test")
@UsesTestDatabase
class PushThroughputBenchmark {

	private static final int BATCH = 1000;

	/**
	 * Every this-many-th posting of the main partner was already sent by another partner
	 * (a duplicate to merge).
	 */
	private static final int DUPLICATE_EVERY = 20;

	@Value("${benchmark.postings:100000}")
	int postings;

	@Value("${benchmark.inFlight:2}")
	int inFlight;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	@DynamicPropertySource
	static void contentService(DynamicPropertyRegistry registry) {
		registry.add("skillpath.jobs.content.graphql-url", () -> JobsServiceTest.content().graphqlUrl());
	}

	@LocalServerPort
	int port;

	@Autowired
	DevTokenIssuer tokens;

	@Test
	void pushesPostingsAndComparesWithCopy() throws Exception {
		GeneratedPostings generated = new GeneratedPostings(4);
		String main = registerPartner("bench-main");
		String other = registerPartner("bench-other");
		String warmup = registerPartner("bench-warmup");

		// untimed: JIT warm-up on other data, and the other partner's copies of some
		// postings
		push(warmup, bodies(new GeneratedPostings(99), "w-", 0, 5_000, 1), 2);
		push(other, bodies(generated, "o-", 0, this.postings, DUPLICATE_EVERY), 2);

		List<byte[]> bodies = bodies(generated, "m-", 0, this.postings, 1);
		long bytes = bodies.stream().mapToLong((b) -> b.length).sum();
		double loadBefore = loadAverage();
		long started = System.nanoTime();
		long[] counts = push(main, bodies, this.inFlight);
		double pushSeconds = (System.nanoTime() - started) / 1e9;
		double loadAfter = loadAverage();
		assertThat(counts[0] + counts[1] + counts[2] + counts[3]).isEqualTo(this.postings);
		assertThat(counts[4]).as("merged as duplicates").isGreaterThan(0);

		Copy copy = copyStoredRows();
		double pushRate = this.postings / pushSeconds;
		String report = String.format(
				"""

						PUSH BENCHMARK (%s)
						  postings pushed      %,d in %d requests of %,d (%d in flight), %.1f MB of JSON, one partner
						  results              created %,d (of which merged as duplicates %,d), updated %,d, unchanged %,d, rejected %,d
						  push                 %.1f s = %,.0f listings/s
						  COPY same shape      %,d rows in %.2f s = %,.0f rows/s  (LIKE job INCLUDING ALL: generated tsvector, the same indexes)
						  COPY bare columns    %,d rows in %.2f s = %,.0f rows/s  (same columns, no indexes, no generated column)
						  push / COPY          %.1f %% of same-shape COPY, %.1f %% of bare COPY
						  load average         %.2f before, %.2f after the push (%d cores)
						""",
				java.time.Instant.now(), this.postings, bodies.size(), BATCH, this.inFlight, bytes / 1e6, counts[0],
				counts[4], counts[1], counts[2], counts[3], pushSeconds, pushRate, copy.rows(), copy.shapedSeconds(),
				copy.rows() / copy.shapedSeconds(), copy.rows(), copy.bareSeconds(), copy.rows() / copy.bareSeconds(),
				100 * pushRate / (copy.rows() / copy.shapedSeconds()),
				100 * pushRate / (copy.rows() / copy.bareSeconds()), loadBefore, loadAfter,
				Runtime.getRuntime().availableProcessors());
		System.out.println(report);
		Files.writeString(Path.of("target", "push-benchmark.txt"), report);
	}

	private List<byte[]> bodies(GeneratedPostings generated, String prefix, int from, int to, int every) {
		List<byte[]> bodies = new ArrayList<>();
		List<Map<String, Object>> batch = new ArrayList<>(BATCH);
		for (int i = from; i < to; i += every) {
			batch.add(generated.posting(prefix, i));
			if (batch.size() == BATCH) {
				bodies.add(this.json.writeValueAsBytes(Map.of("jobs", batch)));
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			bodies.add(this.json.writeValueAsBytes(Map.of("jobs", batch)));
		}
		return bodies;
	}

	/**
	 * Pushes the bodies, {@code inFlight} at a time; answers created, updated, unchanged,
	 * rejected, merged.
	 */
	private long[] push(String apiKey, List<byte[]> bodies, int inFlight) throws Exception {
		AtomicLongArray counts = new AtomicLongArray(5);
		Semaphore slots = new Semaphore(inFlight);
		List<CompletableFuture<Void>> pending = new ArrayList<>();
		for (byte[] body : bodies) {
			slots.acquire();
			HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/partner/v1/jobs"))
				.timeout(Duration.ofMinutes(5))
				.header("X-Api-Key", apiKey)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
			pending
				.add(this.client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenAccept((response) -> {
					try {
						if (response.statusCode() != 200) {
							throw new IllegalStateException(
									"push answered " + response.statusCode() + ": " + new String(response.body()));
						}
						JsonNode report = this.json.readTree(response.body());
						JsonNode c = report.path("counts");
						counts.addAndGet(0, c.path("created").asLong());
						counts.addAndGet(1, c.path("updated").asLong());
						counts.addAndGet(2, c.path("unchanged").asLong());
						counts.addAndGet(3, c.path("rejected").asLong());
						for (JsonNode result : report.path("results")) {
							if (result.path("mergedWithOtherSources").asBoolean(false)) {
								counts.incrementAndGet(4);
							}
						}
					}
					finally {
						slots.release();
					}
				}));
		}
		CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
		return new long[] { counts.get(0), counts.get(1), counts.get(2), counts.get(3), counts.get(4) };
	}

	private record Copy(long rows, double shapedSeconds, double bareSeconds) {
	}

	/**
	 * The main partner's stored job rows, COPYed out and timed while COPYed into two
	 * fresh tables.
	 */
	private Copy copyStoredRows() throws Exception {
		DatabaseCoordinates db = TestDatabase.get().defaultDatabase();
		try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(),
				db.password() == null ? "" : db.password()); Statement statement = connection.createStatement()) {
			StringBuilder columns = new StringBuilder();
			try (ResultSet rs = statement.executeQuery("""
					SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
					WHERE table_name = 'job' AND table_schema = current_schema() AND is_generated = 'NEVER'""")) {
				rs.next();
				columns.append(rs.getString(1));
			}
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			ByteArrayOutputStream rows = new ByteArrayOutputStream();
			long count = copy
				.copyOut("COPY (SELECT " + columns + " FROM job j WHERE EXISTS (SELECT 1 FROM job_source s "
						+ "WHERE s.job_id = j.id AND s.external_id LIKE 'm-%')) TO STDOUT", rows);
			byte[] data = rows.toByteArray();
			statement.execute("DROP TABLE IF EXISTS job_copy_shaped, job_copy_bare");
			statement.execute("CREATE TABLE job_copy_shaped (LIKE job INCLUDING ALL)");
			statement.execute("CREATE TABLE job_copy_bare (LIKE job)");
			statement.execute("CHECKPOINT");
			long started = System.nanoTime();
			copy.copyIn("COPY job_copy_shaped (" + columns + ") FROM STDIN", new ByteArrayInputStream(data));
			double shaped = (System.nanoTime() - started) / 1e9;
			started = System.nanoTime();
			copy.copyIn("COPY job_copy_bare (" + columns + ") FROM STDIN", new ByteArrayInputStream(data));
			double bare = (System.nanoTime() - started) / 1e9;
			statement.execute("DROP TABLE job_copy_shaped, job_copy_bare");
			return new Copy(count, shaped, bare);
		}
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/** A new partner (ADMIN mutation over HTTP); answers its API key. */
	private String registerPartner(String id) throws Exception {
		String query = "mutation { registerPartner(input: {id: \"" + id + "\", name: \"" + id + "\"}) { apiKey } }";
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/graphql"))
			.header("Authorization", "Bearer " + this.tokens.issue("bench", Role.ADMIN))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(Map.of("query", query))))
			.build();
		JsonNode answer = this.json.readTree(this.client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
		String key = answer.path("data").path("registerPartner").path("apiKey").asString(null);
		assertThat(key).as(answer.toString()).isNotNull();
		return key;
	}

	private static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (Exception ex) {
			return Double.NaN;
		}
	}

}
