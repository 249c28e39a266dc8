package dev.skillpath.systemtests.resilience;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.skillpath.systemtests.SuiteServices;
import dev.skillpath.support.testing.TcpProxy;
import dev.skillpath.support.testing.Waiting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jobs-service goes away under load and comes back, behind a proxy the test stops and
 * starts, while {@value #CLIENTS} clients keep asking a query that needs content- and
 * jobs-service. While it is away every answer is a 200 with content's data and an error
 * naming jobs ({@code SERVICE_UNAVAILABLE}, {@code service: jobs}); once it is back the
 * errors stop within {@link #RECOVERY_BOUND} (the circuit stays open for
 * {@value #OPEN_FOR_SECONDS} s, then lets trial calls through) and stay at zero.
 */
class SubgraphOutageUnderLoadTest {

	static final int CLIENTS = 8;

	static final int OPEN_FOR_SECONDS = 2;

	/**
	 * The circuit's open time, plus one request timeout's worth of slack for a loaded
	 * machine.
	 */
	static final Duration RECOVERY_BOUND = Duration.ofSeconds(OPEN_FOR_SECONDS + 3);

	static final String QUERY = "{ skill(id: \"java\") { name } job(id: \"00000000-0000-0000-0000-000000000000\") { title } }";

	static final JsonMapper json = JsonMapper.builder().build();

	static TcpProxy jobs;

	static GatewayUnderTest gateway;

	@BeforeAll
	static void start() {
		jobs = TcpProxy.to(SuiteServices.get().jobs.port());
		gateway = GatewayUnderTest.get("test",
				Map.of("skillpath.gateway.subgraphs.jobs", jobs.baseUrl() + "/graphql",
						"skillpath.gateway.circuit-open-for", OPEN_FOR_SECONDS + "s",
						"skillpath.gateway.subgraph-timeout", "2s"));
	}

	@AfterAll
	static void stop() {
		jobs.close();
	}

	/** One answer: when it was asked (ms since the load began) and what kind it was. */
	record Sample(long askedAt, long answeredAt, Kind kind, String detail) {
	}

	enum Kind {

		/** data for both subgraphs, no errors */
		COMPLETE,
		/** content's data, and an error naming jobs-service */
		PARTIAL,
		/**
		 * anything else: a 5xx, no data, an error without code or service, a failed
		 * request
		 */
		BROKEN

	}

	@Test
	void partialAnswersWhileJobsIsDownAndNoErrorsSoonAfterItIsBack() throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		Load<Sample> load = new Load<>(Duration.ofSeconds(16), CLIENTS);
		for (int i = 0; i < CLIENTS; i++) {
			load.client((n) -> ask(client, load.begin()));
		}
		Waiting.pause(Duration.ofSeconds(3));
		long downAt = load.millis();
		jobs.stop();
		Waiting.pause(Duration.ofSeconds(5));
		long backAt = load.millis();
		jobs.start();

		List<Sample> all = load.answers(Duration.ofSeconds(60));
		all.sort((a, b) -> Long.compare(a.askedAt(), b.askedAt()));
		assertThat(all.stream().filter((s) -> s.kind() == Kind.BROKEN).toList()).as("broken answers").isEmpty();
		assertThat(all.stream().filter((s) -> s.answeredAt() < downAt).map(Sample::kind).distinct())
			.as("answers before the outage")
			.containsOnly(Kind.COMPLETE);
		List<Sample> duringOutage = all.stream()
			.filter((s) -> s.askedAt() > downAt + 200 && s.answeredAt() < backAt)
			.toList();
		assertThat(duringOutage).as("answers during the outage")
			.isNotEmpty()
			.allSatisfy((s) -> assertThat(s.kind()).as(s.detail()).isEqualTo(Kind.PARTIAL));
		long lastPartial = all.stream()
			.filter((s) -> s.kind() == Kind.PARTIAL)
			.mapToLong(Sample::askedAt)
			.max()
			.orElseThrow();
		long recoveredAfter = Math.max(0, lastPartial - backAt);
		System.out.printf(
				"SubgraphOutageUnderLoadTest: %d answers, %d partial during a 5 s outage, errors stopped %d ms "
						+ "after jobs-service was back (bound %d ms)%n",
				all.size(), duringOutage.size(), recoveredAfter, RECOVERY_BOUND.toMillis());
		assertThat(recoveredAfter).as("ms from jobs-service's return to the last error")
			.isLessThanOrEqualTo(RECOVERY_BOUND.toMillis());
		assertThat(all.stream().filter((s) -> s.askedAt() > lastPartial)).as("complete answers after recovery")
			.hasSizeGreaterThan(CLIENTS);
	}

	@SuppressWarnings("unchecked")
	static Sample ask(HttpClient client, long begin) {
		long askedAt = Load.millisSince(begin);
		try {
			HttpResponse<String> response = client
				.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/graphql"))
					.timeout(Duration.ofSeconds(20))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", QUERY))))
					.build(), HttpResponse.BodyHandlers.ofString());
			long answeredAt = Load.millisSince(begin);
			if (response.statusCode() != 200) {
				return new Sample(askedAt, answeredAt, Kind.BROKEN, response.statusCode() + " " + response.body());
			}
			Map<String, Object> body = json.readValue(response.body(), Map.class);
			Map<String, Object> data = (Map<String, Object>) body.get("data");
			boolean content = data != null && data.get("skill") instanceof Map<?, ?> skill
					&& "Java".equals(skill.get("name"));
			// each subgraph call has its own timeout (2 s); the operation's limit (three
			// of
			// them) cuts in only for a call that outlived it: a defect, as a hang would
			// be
			if (!content || response.body().contains("operation's time limit")) {
				return new Sample(askedAt, answeredAt, Kind.BROKEN, response.body());
			}
			if (!(body.get("errors") instanceof List<?> errors)) {
				return new Sample(askedAt, answeredAt, Kind.COMPLETE, response.body());
			}
			boolean namesJobs = errors.stream()
				.allMatch((e) -> e instanceof Map<?, ?> error && error.get("extensions") instanceof Map<?, ?> extensions
						&& "SERVICE_UNAVAILABLE".equals(extensions.get("code"))
						&& "jobs".equals(extensions.get("service")));
			return new Sample(askedAt, answeredAt, namesJobs ? Kind.PARTIAL : Kind.BROKEN, response.body());
		}
		catch (Exception ex) {
			return new Sample(askedAt, Load.millisSince(begin), Kind.BROKEN, ex.toString());
		}
	}

}
