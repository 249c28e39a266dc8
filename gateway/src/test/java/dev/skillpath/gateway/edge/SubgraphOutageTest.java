package dev.skillpath.gateway.edge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.skillpath.gateway.GatewayApplication;
import org.junit.jupiter.api.AfterAll;
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

	/** A tiny subgraph server we can switch off: it answers 503 while {@code down}. */
	static final class SwitchableSubgraph {

		final HttpServer server;

		final AtomicBoolean down = new AtomicBoolean();

		/** Queries received (SDL polls are not counted). */
		final AtomicInteger hits = new AtomicInteger();

		/** How long a query waits before its answer. */
		final AtomicInteger delayMillis = new AtomicInteger();

		SwitchableSubgraph(String field, String value) throws IOException {
			String sdl = "extend schema @link(url: \\\"https://specs.apollo.dev/federation/v2.7\\\", import: [\\\"@key\\\"]) "
					+ "type Query { " + field + ": String }";
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.createContext("/graphql", (exchange) -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				if (!body.contains("_service")) {
					this.hits.incrementAndGet(); // queries only: the gateway's SDL polls
													// go on regardless
					pause(this.delayMillis.get());
				}
				byte[] answer;
				int status;
				if (this.down.get()) {
					status = 503;
					answer = "unavailable".getBytes(StandardCharsets.UTF_8);
				}
				else {
					status = 200;
					answer = (body.contains("_service") ? "{\"data\":{\"_service\":{\"sdl\":\"" + sdl + "\"}}}"
							: "{\"data\":{\"" + field + "\":\"" + value + "\"}}")
						.getBytes(StandardCharsets.UTF_8);
				}
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			this.server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
			this.server.start();
		}

		private static void pause(int millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/graphql";
		}

	}

	static SwitchableSubgraph greetings;

	static SwitchableSubgraph weather;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void subgraphs(DynamicPropertyRegistry registry) throws IOException {
		greetings = new SwitchableSubgraph("hello", "world");
		weather = new SwitchableSubgraph("forecast", "sunny");
		registry.add("skillpath.gateway.subgraphs.content", greetings::url);
		registry.add("skillpath.gateway.subgraphs.progress", weather::url);
		registry.add("skillpath.gateway.subgraphs.jobs", () -> "");
		registry.add("skillpath.gateway.poll-interval", () -> "1s");
	}

	@AfterAll
	static void stop() {
		greetings.server.stop(0);
		weather.server.stop(0);
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> ask(WebTestClient http) {
		return http.post()
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
		WebTestClient http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
		awaitReady(http);
		assertThat(ask(http)).containsEntry("data", Map.of("hello", "world", "forecast", "sunny"));

		weather.down.set(true);
		Map<String, Object> partial = null;
		for (int i = 0; i < 15; i++) {
			partial = ask(http);
		}
		assertThat((Map<String, Object>) partial.get("data")).containsEntry("hello", "world")
			.containsEntry("forecast", null);
		Map<String, Object> error = ((List<Map<String, Object>>) partial.get("errors")).get(0);
		assertThat(error.get("path")).isEqualTo(List.of("forecast"));
		assertThat((Map<String, Object>) error.get("extensions")).containsEntry("code", "SERVICE_UNAVAILABLE")
			.containsEntry("service", "progress");
		// the circuit is open: requests no longer reach the failing subgraph
		int hitsWhileOpen = weather.hits.get();
		ask(http);
		ask(http);
		assertThat(weather.hits.get() - hitsWhileOpen).as("calls reaching a subgraph whose circuit is open")
			.isLessThanOrEqualTo(1);
		assertThat(error.get("message").toString()).contains("progress");
		// the last good supergraph is still served, and the gateway stays ready
		http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();

		weather.down.set(false);
		Thread.sleep(2_500);
		Map<String, Object> recovered = null;
		for (int i = 0; i < 5 && (recovered == null || recovered.containsKey("errors")); i++) {
			recovered = ask(http);
			Thread.sleep(200);
		}
		assertThat(recovered).doesNotContainKey("errors")
			.containsEntry("data", Map.of("hello", "world", "forecast", "sunny"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void aSubgraphThatAnswersTooLateCostsItsFieldsAfterTheSubgraphTimeout() throws InterruptedException {
		WebTestClient http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
		awaitReady(http);
		weather.delayMillis.set(6_000);
		try {
			long started = System.nanoTime();
			Map<String, Object> partial = ask(http);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat((Map<String, Object>) partial.get("data")).containsEntry("hello", "world")
				.containsEntry("forecast", null);
			Map<String, Object> error = ((List<Map<String, Object>>) partial.get("errors")).get(0);
			assertThat(error.get("message").toString()).contains("progress timed out");
			assertThat((Map<String, Object>) error.get("extensions")).containsEntry("code", "SERVICE_UNAVAILABLE");
			// the configured 2 s, not the subgraph's 6 s
			assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1_900)).isLessThan(Duration.ofMillis(5_500));
		}
		finally {
			weather.delayMillis.set(0);
		}
	}

	private static void awaitReady(WebTestClient http) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 30_000;
		while (http.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value() != 200) {
			assertThat(System.currentTimeMillis()).as("supergraph composed").isLessThan(deadline);
			Thread.sleep(200);
		}
	}

}
