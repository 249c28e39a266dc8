package dev.skillpath.systemtests.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import dev.skillpath.gateway.GatewayApplication;
import dev.skillpath.systemtests.SuiteGatewayTest;
import dev.skillpath.systemtests.SuiteServices;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's probes when rate-limit counts live in Redis (as in Compose and
 * Kubernetes): Redis is part of its health, so an outage shows, but not of its readiness,
 * because the limiter lets requests through when Redis does not answer and taking every
 * replica out of the load balancer would turn a limiter outage into an API outage.
 * Readiness needs the composed supergraph.
 */
class GatewayHealthGroupsTest {

	@Nested
	class WithRedis extends Probes {

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			common(registry);
		}

		@Test
		void readyWithTheSupergraphAndHealthyWithRedis() {
			awaitSupergraph();
			gateway().get()
				.uri("/actuator/health/readiness")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.components.supergraph.status")
				.isEqualTo("UP")
				.jsonPath("$.components.redis")
				.doesNotExist();
			gateway().get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.components.redis.status")
				.isEqualTo("UP");
			gateway().get()
				.uri("/actuator/health/liveness")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.components.redis")
				.doesNotExist();
		}

	}

	@Nested
	class WithRedisDown extends Probes {

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			common(registry);
			int closed = closedPort();
			registry.add("spring.data.redis.port", () -> closed);
			registry.add("spring.data.redis.timeout", () -> "500ms");
			registry.add("spring.data.redis.connect-timeout", () -> "500ms");
		}

		@Test
		void staysReadyAndLiveButReportsRedisDown() {
			awaitSupergraph();
			gateway().get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.components.redis.status")
				.isEqualTo("DOWN");
			gateway().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody(Void.class);
			// and requests are still answered (the limiter lets them through)
			gateway().post()
				.uri("/graphql")
				.bodyValue(java.util.Map.of("query", "{ careerFacts { figure } }"))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.data.careerFacts")
				.isNotEmpty();
		}

	}

	/**
	 * The gateway keeping its rate-limit counts in Redis, with Redis in its health; each
	 * nested class says which Redis, in a context of its own.
	 */
	@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.config.name=" + GatewayApplication.NAME, "skillpath.gateway.poll-interval=1s",
					"skillpath.gateway.rate-limit.store=redis", "management.health.redis.enabled=true",
					SuiteServices.GATEWAY_EXCLUSIONS })
	@ActiveProfiles("test")
	abstract static class Probes extends SuiteGatewayTest {

		static void common(DynamicPropertyRegistry registry) {
			SuiteServices.register(registry);
		}

	}

	/** A local port nothing listens on. */
	static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
