package dev.skillpath.support.testing;

import java.time.Duration;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The actuator endpoints every service and the gateway expose, as the tests use them: a
 * Prometheus scrape, the health groups, and waiting for readiness.
 */
public final class Actuator {

	/**
	 * How long one readiness call may take before it is asked again rather than waited
	 * on: a request now and then gets no answer in the in-process suite
	 * (docs/decisions/0016).
	 */
	private static final Duration READINESS_CALL = Duration.ofSeconds(5);

	private Actuator() {
	}

	/** The service's metrics in the Prometheus text format, expecting 200. */
	public static String scrape(WebTestClient service) {
		return TestClients.okText(service.get().uri("/actuator/prometheus"));
	}

	/**
	 * Asserts that the health endpoint at {@code path} (e.g.
	 * {@code /actuator/health/readiness}) answers 200 with status UP.
	 */
	public static void assertUp(WebTestClient service, String path) {
		service.get().uri(path).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
	}

	/**
	 * Waits until the service's readiness answers 200 (for the gateway: it has composed
	 * the supergraph), failing the test after {@code within}. A readiness call that gets
	 * no answer within a few seconds is asked again.
	 */
	public static void awaitReady(WebTestClient service, Duration within) {
		WebTestClient poll = service.mutate().responseTimeout(READINESS_CALL).build();
		if (!Waiting.until(within, Duration.ofMillis(250), () -> isReady(poll))) {
			throw new AssertionError("not ready (GET /actuator/health/readiness answering 200) within " + within);
		}
	}

	private static boolean isReady(WebTestClient service) {
		try {
			return service.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.expectBody()
				.returnResult()
				.getStatus()
				.value() == 200;
		}
		catch (IllegalStateException timedOut) {
			// no answer within READINESS_CALL: ask again
			return false;
		}
	}

}
