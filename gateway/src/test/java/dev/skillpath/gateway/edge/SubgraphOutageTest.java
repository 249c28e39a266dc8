package dev.skillpath.gateway.edge;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.skillpath.gateway.GatewayApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One subgraph goes down: the gateway answers with the other subgraph's data and errors
 * naming the failed one, opens that subgraph's circuit (calls stop reaching it), keeps
 * its last good supergraph, and closes the circuit again once the subgraph is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.NAME, "skillpath.gateway.circuit-open-for=2s",
				"skillpath.gateway.subgraph-timeout=2s" })
@ActiveProfiles("test")
class SubgraphOutageTest {

	static SwitchableSubgraph greetings;

	static SwitchableSubgraph weather;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void subgraphs(DynamicPropertyRegistry registry) throws IOException {
		greetings = new SwitchableSubgraph("hello", "world");
		weather = new SwitchableSubgraph("forecast", "sunny");
		SwitchableSubgraph.register(registry, greetings, weather);
		registry.add("skillpath.gateway.poll-interval", () -> "1s");
	}

	@AfterAll
	static void stop() {
		greetings.close();
		weather.close();
	}

	WebTestClient http;

	@BeforeEach
	void awaitSupergraph() throws InterruptedException {
		this.http = EdgeClients.http(this.port);
		EdgeClients.awaitReady(this.http, Duration.ofSeconds(30), "supergraph composed");
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> ask() {
		return this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ hello forecast }"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	@Test
	void partialDataWhileASubgraphIsDownThenTheCircuitOpensAndClosesAgain() throws InterruptedException {
		assertThat(ask()).containsEntry("data", Map.of("hello", "world", "forecast", "sunny"));

		weather.down.set(true);
		Map<String, Object> partial = null;
		for (int i = 0; i < 15; i++) {
			partial = ask();
		}
		assertThat((Map<String, Object>) partial.get("data")).containsEntry("hello", "world")
			.containsEntry("forecast", null);
		Map<String, Object> error = ((List<Map<String, Object>>) partial.get("errors")).get(0);
		assertThat(error.get("path")).isEqualTo(List.of("forecast"));
		assertThat((Map<String, Object>) error.get("extensions")).containsEntry("code", "SERVICE_UNAVAILABLE")
			.containsEntry("service", "progress");
		// the circuit is open: requests no longer reach the failing subgraph
		int hitsWhileOpen = weather.hits.get();
		ask();
		ask();
		assertThat(weather.hits.get() - hitsWhileOpen).as("calls reaching a subgraph whose circuit is open")
			.isLessThanOrEqualTo(1);
		assertThat(error.get("message").toString()).contains("progress");
		// the last good supergraph is still served, and the gateway stays ready
		this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody(Void.class);

		weather.down.set(false);
		Thread.sleep(2_500);
		Map<String, Object> recovered = null;
		for (int i = 0; i < 5 && (recovered == null || recovered.containsKey("errors")); i++) {
			recovered = ask();
			Thread.sleep(200);
		}
		assertThat(recovered).doesNotContainKey("errors")
			.containsEntry("data", Map.of("hello", "world", "forecast", "sunny"));
	}

	@Test
	void aSubgraphThatTricklesItsAnswerCostsItsFieldsAfterTheSubgraphTimeout() {
		// a byte every 300 ms: the HTTP client's read timeout never fires, the call's
		// does
		weather.dripMillis.set(300);
		try {
			assertForecastTimesOutAfterTheSubgraphTimeout();
		}
		finally {
			weather.dripMillis.set(0);
		}
	}

	@Test
	void aSubgraphThatAnswersTooLateCostsItsFieldsAfterTheSubgraphTimeout() {
		weather.delayMillis.set(6_000);
		try {
			assertForecastTimesOutAfterTheSubgraphTimeout();
		}
		finally {
			weather.delayMillis.set(0);
		}
	}

	@SuppressWarnings("unchecked")
	private void assertForecastTimesOutAfterTheSubgraphTimeout() {
		long started = System.nanoTime();
		Map<String, Object> partial = ask();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat((Map<String, Object>) partial.get("data")).containsEntry("hello", "world")
			.containsEntry("forecast", null);
		Map<String, Object> error = ((List<Map<String, Object>>) partial.get("errors")).get(0);
		assertThat(error.get("message").toString()).contains("progress timed out");
		assertThat((Map<String, Object>) error.get("extensions")).containsEntry("code", "SERVICE_UNAVAILABLE");
		// the configured 2 s, not the subgraph's 6 s (or the 9 s its trickle takes)
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1_900)).isLessThan(Duration.ofMillis(5_500));
	}

}
