package dev.skillpath.jobs.resilience;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.skillpath.jobs.JobsServiceTest;
import dev.skillpath.support.database.DatabaseCoordinates;
import dev.skillpath.support.testing.Actuator;
import dev.skillpath.support.testing.TestClients;
import dev.skillpath.support.testing.Waiting;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partner pushes whose clients give up mid-request (a gateway timeout, a partner's own
 * timeout, a dropped connection): valid, rejected, malformed and large JSON and XML
 * bodies, many at once on one partner (so they also queue on its ingestion lock), each
 * abandoned after a random delay spread over a push's usual duration, or in the middle of
 * sending its body. Afterwards no connection may stay checked out of the pool or idle in
 * a transaction, readiness is UP, and a normal push is answered promptly. Abandoning a
 * request while its transaction was beginning used to leak the connection
 * (spring-framework#36344): enough of them emptied the pool and the service answered
 * "Failed to obtain R2DBC Connection" until restarted. A push that waits too long for its
 * partner's earlier ones is answered with a retryable 503 instead of a hang.
 */
@TestPropertySource(properties = "skillpath.jobs.push.lock-wait=2s")
class AbandonedPushTest extends JobsServiceTest {

	static final Duration LOCK_WAIT = Duration.ofSeconds(2);

	@Autowired
	DatabaseClient database;

	static final int PUSHES = 600;

	static final int AT_ONCE = 24;

	@Value("${spring.r2dbc.url}")
	String r2dbcUrl;

	@Value("${spring.r2dbc.username}")
	String dbUser;

	@Value("${spring.r2dbc.password:}")
	String dbPassword;

	@Test
	void pushesAbandonedMidRequestLeaveNoConnectionOrTransactionBehind() throws Exception {
		String key = registerPartner("abandon");
		String otherKey = registerPartner("abandon");
		List<Body> bodies = bodies();
		WebClient client = WebClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.codecs((c) -> c.defaultCodecs().maxInMemorySize(1024 * 1024))
			.build();

		// how long a push usually takes here, so that abandoning spreads over its whole
		// course
		long usualNanos = usualPushNanos(client, key, bodies.get(0));

		Flux.range(0, PUSHES).flatMap((i) -> {
			Body body = bodies.get(i % bodies.size());
			long abandonAfter = ThreadLocalRandom.current().nextLong(Math.max(1, 3 * usualNanos));
			return client.post()
				.uri("/partner/v1/jobs")
				.header("X-Api-Key", i % 5 == 0 ? otherKey : key)
				.contentType(body.type())
				.bodyValue(body.bytes())
				.retrieve()
				.toBodilessEntity()
				.onErrorResume((ex) -> Mono.empty())
				.timeout(Duration.ofNanos(abandonAfter))
				.onErrorResume((ex) -> Mono.empty());
		}, AT_ONCE).blockLast(Duration.ofMinutes(3));
		for (int i = 0; i < 40; i++) {
			sendHalfABody(key, bodies.get(i % bodies.size()));
		}

		// an abandoned transaction is rolled back asynchronously: allow it a moment
		Waiting.until(Duration.ofSeconds(15), Duration.ofMillis(200),
				() -> acquiredConnections() == 0 && idleInTransaction().isEmpty());
		assertThat(idleInTransaction()).as("last statements of sessions of the jobs database idle in a transaction")
			.isEmpty();
		assertThat(acquiredConnections()).as("pool connections still checked out (r2dbc.pool.acquired)").isZero();

		Actuator.assertUp(this.http, "/actuator/health/readiness");
		long start = System.nanoTime();
		Map<String, Object> report = push(key, MediaType.APPLICATION_JSON,
				"{\"jobs\": [" + ourJob("after-" + UUID.randomUUID(), "Backend Engineer", "Abandon GmbH", "") + "]}");
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(counts(report)).containsEntry("created", 1);
		assertThat(took).as("a normal push after the abandoned ones").isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void aPushWaitingTooLongForThePartnersLockIsToldToRetryAndStoresNothing() throws Exception {
		Partner partner = partner("locked");
		String partnerId = partner.id();
		String key = partner.apiKey();
		String job = "{\"jobs\": [" + ourJob("l-1", "Backend Engineer", "Locked GmbH", "") + "]}";
		try (Connection holder = jdbc()) {
			// an earlier push of the partner that does not finish: its ingestion lock
			// stays taken
			holder.setAutoCommit(false);
			try (PreparedStatement lock = holder
				.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('jobs-ingest:' || ?))")) {
				lock.setString(1, partnerId);
				lock.execute();
			}
			long start = System.nanoTime();
			pushing(key, MediaType.APPLICATION_JSON, job).exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.valueEquals("Retry-After", Long.toString(LOCK_WAIT.toSeconds()))
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("SERVICE_UNAVAILABLE")
				.jsonPath("$.retryable")
				.isEqualTo(true)
				.jsonPath("$.detail")
				.value((String detail) -> assertThat(detail).contains("retry"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered after the lock wait, not a hang")
				.isBetween(LOCK_WAIT.minusMillis(100), LOCK_WAIT.plusSeconds(3));
			holder.rollback();
		}
		assertThat(listingsOf(partnerId)).as("listings stored by the refused push").isZero();
		assertThat(counts(push(key, MediaType.APPLICATION_JSON, job))).as("the same push once the lock is free")
			.containsEntry("created", 1);
	}

	@Test
	void serviceSessionsEndTransactionsLeftIdle() {
		String setting = this.database.sql("SHOW idle_in_transaction_session_timeout")
			.map((row) -> row.get(0, String.class))
			.one()
			.block(Duration.ofSeconds(10));
		assertThat(setting).isEqualTo("1min");
	}

	long listingsOf(String partnerId) throws SQLException {
		try (Connection connection = jdbc();
				PreparedStatement count = connection
					.prepareStatement("SELECT count(*) FROM job_source WHERE partner_id = ?")) {
			count.setString(1, partnerId);
			try (ResultSet rows = count.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	// ---- bodies
	// ------------------------------------------------------------------------------

	record Body(MediaType type, byte[] bytes) {
	}

	static List<Body> bodies() {
		List<Body> bodies = new ArrayList<>();
		bodies.add(json(batch(20, 200)));
		bodies.add(json(batch(1, 200)));
		// large: 50 records of ~4 KB descriptions, near the test's 256 KB limit
		bodies.add(json(batch(50, 4_000)));
		// every record rejected (no title), still a transaction that writes the report
		bodies.add(json("{\"jobs\": [" + ourJob("r-" + UUID.randomUUID(), "", "Abandon GmbH", "") + "]}"));
		// malformed JSON, refused before any transaction
		String truncated = batch(10, 200);
		bodies.add(json(truncated.substring(0, truncated.length() / 2)));
		bodies.add(new Body(MediaType.APPLICATION_XML, xml(10).getBytes(StandardCharsets.UTF_8)));
		bodies.add(new Body(MediaType.APPLICATION_XML, "<source><job><title>".getBytes(StandardCharsets.UTF_8)));
		return bodies;
	}

	static Body json(String text) {
		return new Body(MediaType.APPLICATION_JSON, text.getBytes(StandardCharsets.UTF_8));
	}

	/** {@code n} valid records; a fresh external id each time, so every push writes. */
	static String batch(int n, int descriptionLength) {
		StringBuilder jobs = new StringBuilder("{\"jobs\": [");
		for (int i = 0; i < n; i++) {
			jobs.append(i == 0 ? "" : ",")
				.append("""
						{"externalId": "%s", "title": "Backend Engineer %d", "company": "Abandon GmbH",
						 "location": "Berlin, Germany", "description": "<p>%s</p>"}""".formatted(
						"j-" + UUID.randomUUID(), i,
						"We build APIs in Java and PostgreSQL. ".repeat(descriptionLength / 38 + 1)));
		}
		return jobs.append("]}").toString();
	}

	static String xml(int n) {
		StringBuilder jobs = new StringBuilder(
				"<?xml version=\"1.0\" encoding=\"utf-8\"?><source><publisher>A</publisher>");
		for (int i = 0; i < n; i++) {
			jobs.append("<job><title>Backend Developer</title><referencenumber>x-")
				.append(UUID.randomUUID())
				.append("</referencenumber><company>Abandon GmbH</company><city>Berlin</city><country>DE</country>")
				.append("<description><![CDATA[<p>Java and PostgreSQL.</p>]]></description></job>");
		}
		return jobs.append("</source>").toString();
	}

	// ---- clients
	// -----------------------------------------------------------------------------

	long usualPushNanos(WebClient client, String key, Body body) {
		List<Long> took = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			long start = System.nanoTime();
			client.post()
				.uri("/partner/v1/jobs")
				.header("X-Api-Key", key)
				.contentType(body.type())
				.bodyValue(body.bytes())
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(30));
			took.add(System.nanoTime() - start);
		}
		return took.stream().sorted().toList().get(2);
	}

	/** Declares the whole body, sends half of it, and hangs up. */
	void sendHalfABody(String key, Body body) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /partner/v1/jobs HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + key + "\r\nContent-Type: "
					+ body.type() + "\r\nContent-Length: " + body.bytes().length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(body.bytes(), 0, body.bytes().length / 2);
			out.flush();
		}
	}

	// ---- what is left behind
	// -------------------------------------------------------------------

	double acquiredConnections() {
		Map<String, Object> metric = TestClients.okJson(this.http.get().uri("/actuator/metrics/r2dbc.pool.acquired"));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> measurements = (List<Map<String, Object>>) metric.get("measurements");
		return ((Number) measurements.get(0).get("value")).doubleValue();
	}

	/**
	 * The last statement of each session of this run's jobs database that is idle inside
	 * a transaction, seen from outside the pool.
	 */
	List<String> idleInTransaction() {
		List<String> statements = new ArrayList<>();
		try (Connection connection = jdbc(); ResultSet rows = connection.createStatement().executeQuery("""
				SELECT query FROM pg_stat_activity
				WHERE datname = current_database() AND state LIKE 'idle in transaction%'""")) {
			while (rows.next()) {
				statements.add(rows.getString(1));
			}
			return statements;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A connection of the test's own to the jobs database, beside the service's pool. */
	Connection jdbc() throws SQLException {
		DatabaseCoordinates db = DatabaseCoordinates.parse(this.r2dbcUrl, this.dbUser, this.dbPassword);
		return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
	}

}
