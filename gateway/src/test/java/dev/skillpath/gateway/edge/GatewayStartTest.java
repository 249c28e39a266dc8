package dev.skillpath.gateway.edge;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

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
 * The gateway may start before its subgraphs (the run command starts them all at once):
 * it is not ready, says which subgraph it waits for, and composes within seconds of the
 * subgraph answering, however long the poll interval for schema changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.NAME, "skillpath.gateway.poll-interval=10m" })
@ActiveProfiles("test")
class GatewayStartTest {

	static SwitchableSubgraph late;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void subgraphs(DynamicPropertyRegistry registry) throws IOException {
		late = new SwitchableSubgraph("hello", "world");
		late.down.set(true);
		SwitchableSubgraph.register(registry, late, null);
	}

	@AfterAll
	static void stop() {
		late.close();
	}

	@Test
	void notReadyUntilTheSubgraphsAnswerThenReadyWithinSeconds() throws InterruptedException {
		WebTestClient http = EdgeClients.http(this.port);
		awaitLastError(http);
		http.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.components.supergraph.details.lastError")
			.value((String error) -> assertThat(error).contains("subgraph content").contains(late.url()));

		late.down.set(false);
		// retried every second, not every 10 minutes
		EdgeClients.awaitReady(http, Duration.ofSeconds(8), "composed after the subgraph came up");
		http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ hello }"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.hello")
			.isEqualTo("world");
	}

	private void awaitLastError(WebTestClient http) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 20_000;
		while (!http.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()
			.contains("lastError")) {
			assertThat(System.currentTimeMillis()).as("a first composition attempt").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

}
