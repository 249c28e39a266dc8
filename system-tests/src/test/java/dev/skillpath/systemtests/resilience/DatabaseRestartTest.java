package dev.skillpath.systemtests.resilience;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.skillpath.systemtests.SuiteServices;
import dev.skillpath.jobs.JobsServiceApplication;
import dev.skillpath.progress.ProgressServiceApplication;
import dev.skillpath.support.database.DatabaseCoordinates;
import dev.skillpath.support.security.DevTokenIssuer;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.Waiting;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL restarts under write load: progress-service (setSkillStatus) and
 * jobs-service (partner pushes) keep running on their own PostgreSQL, which the test
 * stops for {@link #DOWN_FOR} and starts again on the same port and data directory. The
 * services take writes again within {@link #RECOVERY_BOUND} of its return without being
 * restarted, and every write they acknowledged is in the database afterwards.
 * <p>
 * The PostgreSQL here is the test's own embedded one, never the shared server of the run.
 */
class DatabaseRestartTest {

	static final Duration DOWN_FOR = Duration.ofSeconds(3);

	/** From PostgreSQL accepting connections again to the last failed write. */
	static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);

	static final List<String> SKILLS = List.of("internet", "http", "dns", "linux", "git", "python", "java",
			"javascript");

	static final JsonMapper json = JsonMapper.builder().build();

	static Path dataDirectory;

	static int databasePort;

	static EmbeddedPostgres postgres;

	static Service progress;

	static Service jobs;

	static String partnerKey;

	@BeforeAll
	static void startServicesOnTheirOwnPostgres() throws Exception {
		dataDirectory = Files.createTempDirectory("skillpath-db-restart");
		try (ServerSocket socket = new ServerSocket(0)) {
			databasePort = socket.getLocalPort();
		}
		postgres = startPostgres();
		execute("CREATE DATABASE progress");
		execute("CREATE DATABASE jobs");
		DatabaseCoordinates server = new DatabaseCoordinates("127.0.0.1", databasePort, "postgres", "postgres", "");
		String content = SuiteServices.get().content.graphqlUrl();
		progress = start(ProgressServiceApplication.class, ProgressServiceApplication.NAME,
				server.withDatabase("progress"), Map.of("skillpath.progress.content-url", content));
		jobs = start(JobsServiceApplication.class, JobsServiceApplication.NAME, server.withDatabase("jobs"),
				Map.of("skillpath.jobs.content.graphql-url", content, "skillpath.jobs.feeds.poll-interval", "0s"));
		String partnerId = "restart-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> registered = post(jobs.graphqlUrl(), token(jobs, "restart-admin", Role.ADMIN),
				"{\"query\": \"mutation { registerPartner(input: {id: \\\"" + partnerId
						+ "\\\", name: \\\"Restart Board\\\"}) { apiKey } }\"}");
		partnerKey = (String) path(registered, "data", "registerPartner", "apiKey");
		assertThat(partnerKey).as("partner key").isNotBlank();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		// the services stay up until the JVM exits (closing one would stop the shared
		// Netty loops);
		// they only log failed connections once their database is gone
		if (postgres != null) {
			postgres.close();
		}
	}

	/**
	 * One write: the key it is stored under, whether the service acknowledged it, and
	 * otherwise whether it was refused as retryable (GraphQL {@code SERVICE_UNAVAILABLE},
	 * or a 503 problem).
	 */
	record Write(String service, String key, boolean acknowledged, boolean retryable, long askedAt, long answeredAt,
			String detail) {
	}

	@Test
	void servicesRecoverWithoutARestartAndKeepEveryAcknowledgedWrite() throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		Load<Write> load = new Load<>(Duration.ofSeconds(24), 6);
		long begin = load.begin();
		for (int i = 0; i < 3; i++) {
			String learner = "restart-learner-" + i + "-" + UUID.randomUUID();
			String token = token(progress, learner, Role.LEARNER);
			load.client((n) -> setSkillStatus(client, token, learner, n, begin));
			load.client((n) -> push(client, begin));
		}
		Waiting.pause(Duration.ofSeconds(4));
		long stoppedAt = load.millis();
		postgres.close();
		Waiting.pause(DOWN_FOR);
		postgres = startPostgres();
		long backAt = load.millis();

		List<Write> all = load.answers(Duration.ofSeconds(90));
		for (String service : List.of("progress", "jobs")) {
			List<Write> ofService = all.stream().filter((w) -> w.service().equals(service)).toList();
			assertThat(ofService.stream().filter((w) -> w.answeredAt() < stoppedAt))
				.as(service + " writes before the restart")
				.isNotEmpty()
				.allMatch(Write::acknowledged);
			long lastFailure = ofService.stream()
				.filter((w) -> !w.acknowledged())
				.mapToLong(Write::askedAt)
				.max()
				.orElse(backAt);
			assertThat(ofService.stream().filter((w) -> !w.acknowledged()))
				.as(service + " writes refused while PostgreSQL was down")
				.isNotEmpty()
				.allSatisfy((w) -> assertThat(w.retryable()).as("refused as retryable: " + w.detail()).isTrue());
			System.out.printf(
					"DatabaseRestartTest %s: %d writes, %d acknowledged, last refused %d ms after PostgreSQL was "
							+ "back (bound %d ms); refused answers: %s%n",
					service, ofService.size(), ofService.stream().filter(Write::acknowledged).count(),
					lastFailure - backAt, RECOVERY_BOUND.toMillis(),
					summary(ofService.stream().filter((w) -> !w.acknowledged()).toList()));
			assertThat(lastFailure - backAt).as(service + ": ms from PostgreSQL's return to its last refused write")
				.isLessThanOrEqualTo(RECOVERY_BOUND.toMillis());
			assertThat(ofService.stream().filter((w) -> w.askedAt() > lastFailure && w.acknowledged()))
				.as(service + " writes acknowledged after recovery")
				.isNotEmpty();
		}
		assertThat(missing(all, "progress", "SELECT client_mutation_id FROM statement", "progress"))
			.as("acknowledged progress statements missing after the restart")
			.isEmpty();
		assertThat(missing(all, "jobs", "SELECT external_id FROM job_source", "jobs"))
			.as("acknowledged listings missing after the restart")
			.isEmpty();
	}

	// ---- the writes
	// ----------------------------------------------------------------------------

	static Write setSkillStatus(HttpClient client, String token, String learner, int n, long begin) {
		String mutationId = learner + "#" + n;
		String status = List.of("LEARNING", "DONE", "SKIPPED").get(n % 3);
		String body = json.writeValueAsString(Map.of("query",
				"mutation($input: SetSkillStatusInput!) { setSkillStatus(input: $input) { progress { status } } }",
				"variables", Map.of("input", Map.of("skillId", SKILLS.get(n % SKILLS.size()), "status", status,
						"clientMutationId", mutationId))));
		return send(client, "progress", mutationId, progress.graphqlUrl(), "Bearer " + token, body, begin,
				(answer) -> status.equals(path(answer, "data", "setSkillStatus", "progress", "status"))
						&& answer.get("errors") == null);
	}

	static Write push(HttpClient client, long begin) {
		String externalId = "restart-" + UUID.randomUUID();
		String body = json.writeValueAsString(Map.of("jobs",
				List.of(Map.of("externalId", externalId, "title", "Backend Developer " + externalId.substring(8, 16),
						"company", "Restart Works " + externalId.substring(8, 12), "location", "Berlin, Germany",
						"description", "<p>Java and PostgreSQL, " + externalId + ".</p>"))));
		return send(client, "jobs", externalId, jobs.baseUrl() + "/partner/v1/jobs", null, body, begin,
				(answer) -> answer.get("results") instanceof List<?> results && results.size() == 1
						&& results.get(0) instanceof Map<?, ?> result && "CREATED".equals(result.get("status")));
	}

	@SuppressWarnings("unchecked")
	static Write send(HttpClient client, String service, String key, String url, String authorization, String body,
			long begin, Function<Map<String, Object>, Boolean> acknowledged) {
		long askedAt = Load.millisSince(begin);
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(20))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body));
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			else {
				request.header("X-Api-Key", partnerKey);
			}
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			Map<String, Object> answer = response.body().startsWith("{") ? json.readValue(response.body(), Map.class)
					: Map.of();
			boolean ok = response.statusCode() == 200 && acknowledged.apply(answer);
			boolean retryable = "SERVICE_UNAVAILABLE".equals(response.statusCode() == 200
					? path(answer, "errors", "0", "extensions", "code") : answer.get("code"))
					&& (response.statusCode() == 200 || response.statusCode() == 503);
			return new Write(service, key, ok, retryable, askedAt, Load.millisSince(begin),
					response.statusCode() + " " + abbreviate(response.body()));
		}
		catch (Exception ex) {
			return new Write(service, key, false, false, askedAt, Load.millisSince(begin),
					ex.getClass().getSimpleName());
		}
	}

	// ---- checks
	// --------------------------------------------------------------------------------

	/**
	 * Acknowledged keys of {@code service} that the query on its database no longer
	 * finds.
	 */
	static List<String> missing(List<Write> writes, String service, String query, String database) throws SQLException {
		Set<String> stored = ConcurrentHashMap.newKeySet();
		try (Connection connection = connect(database);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(query)) {
			while (rows.next()) {
				stored.add(rows.getString(1));
			}
		}
		return writes.stream()
			.filter((w) -> w.service().equals(service) && w.acknowledged())
			.map(Write::key)
			.filter((key) -> !stored.contains(key))
			.toList();
	}

	/** How the refused writes were answered, e.g. {@code {"200 {"errors":... ": 12}}. */
	static Map<String, Long> summary(List<Write> refused) {
		Map<String, Long> kinds = new TreeMap<>();
		refused.forEach((w) -> {
			String kind = w.detail().replaceAll("reference [0-9a-f-]+", "reference ...");
			kinds.merge(kind.length() > 120 ? kind.substring(0, 120) : kind, 1L, Long::sum);
		});
		return kinds;
	}

	// ---- plumbing
	// ------------------------------------------------------------------------------

	static EmbeddedPostgres startPostgres() throws IOException {
		return EmbeddedPostgres.builder()
			.setPort(databasePort)
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.start();
	}

	/**
	 * A service started here on {@code database} (Service would give it the run's shared
	 * server).
	 */
	record Service(ConfigurableApplicationContext context) {

		String baseUrl() {
			return InProcess.baseUrl(this.context);
		}

		String graphqlUrl() {
			return baseUrl() + "/graphql";
		}

	}

	static Service start(Class<?> application, String name, DatabaseCoordinates database,
			Map<String, Object> properties) {
		Map<String, Object> all = new LinkedHashMap<>(SuiteServices.withoutGateway(properties));
		all.putAll(database.springProperties());
		all.put("server.port", 0);
		all.put("spring.profiles.active", "test");
		return new Service(InProcess.start(application, name, all));
	}

	static void execute(String sql) throws SQLException {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	static Connection connect(String database) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + databasePort + "/" + database, "postgres",
				"");
	}

	static String token(Service service, String subject, Role role) {
		return service.context().getBean(DevTokenIssuer.class).issue(subject, role);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> post(String url, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return json.readValue(response.body(), Map.class);
	}

	/**
	 * The value at {@code keys} in a JSON answer (a number picks a list element), or
	 * null.
	 */
	static Object path(Map<String, Object> map, String... keys) {
		Object at = map;
		for (String key : keys) {
			if (at instanceof Map<?, ?> m) {
				at = m.get(key);
			}
			else if (at instanceof List<?> list && key.chars().allMatch(Character::isDigit)
					&& Integer.parseInt(key) < list.size()) {
				at = list.get(Integer.parseInt(key));
			}
			else {
				return null;
			}
		}
		return at;
	}

	static String abbreviate(String text) {
		return text.length() > 200 ? text.substring(0, 200) : text;
	}

}
