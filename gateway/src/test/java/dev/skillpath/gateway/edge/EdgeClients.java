package dev.skillpath.gateway.edge;

import java.time.Duration;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of the gateway a test started on a random port, and waiting for its readiness.
 * (The gateway's tests do without service-support-test, whose database libraries the
 * gateway has no use for.)
 */
final class EdgeClients {

	private EdgeClients() {
	}

	static WebTestClient http(int port) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	/**
	 * Waits until the gateway's readiness answers 200 (the supergraph is composed),
	 * failing as {@code description} when that takes longer than {@code within}.
	 */
	static void awaitReady(WebTestClient http, Duration within, String description) throws InterruptedException {
		long start = System.nanoTime();
		while (http.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.returnResult(Void.class)
			.getStatus()
			.value() != 200) {
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as(description).isLessThan(within);
			Thread.sleep(100);
		}
	}

}
