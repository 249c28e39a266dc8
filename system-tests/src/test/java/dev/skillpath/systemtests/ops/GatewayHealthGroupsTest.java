package dev.skillpath.systemtests.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import dev.skillpath.gateway.GatewayApplication;
import dev.skillpath.systemtests.SuiteServices;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's probes when rate-limit counts live in Redis (as in Compose and
 * Kubernetes): Redis is part of its health, so an outage shows, but not of its readiness,
 * because the limiter lets requests through when Redis does not answer and taking every
 * replica out of the load balancer would turn a limiter outage into an API outage.
 * Readiness needs the composed supergraph.
 */
class GatewayHealthGroupsTest {

	@Nested
	@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.config.name=" + GatewayApplication.NAME, "skillpath.gateway.poll-interval=1s",
					"skillpath.gateway.rate-limit.store=redis", "management.health.redis.enabled=true",
					SuiteServices.GATEWAY_EXCLUSIONS })
	@ActiveProfiles("test")
	class WithRedis extends Probes {

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			common(registry);
		}

		@Test
		void readyWithTheSupergraphAndHealthyWithRedis() {
			awaitReady();
			client().get()
				.uri("/actuator/health/readiness")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.components.supergraph.status")
				.isEqualTo("UP")
				.jsonPath("$.components.redis")
				.doesNotExist();
			client().get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.components.redis.status")
				.isEqualTo("UP");
			client().get()
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
	@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.config.name=" + GatewayApplication.NAME, "skillpath.gateway.poll-interval=1s",
					"skillpath.gateway.rate-limit.store=redis", "management.health.redis.enabled=true",
					SuiteServices.GATEWAY_EXCLUSIONS })
	@ActiveProfiles("test")
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
			awaitReady();
			client().get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.components.redis.status")
				.isEqualTo("DOWN");
			client().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
			// and requests are still answered (the limiter lets them through)
			client().post()
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

	abstract static class Probes {

		@LocalServerPort
		int port;

		static void common(DynamicPropertyRegistry registry) {
			SuiteServices.register(registry);
		}

		WebTestClient client() {
			return WebTestClient.bindToServer()
				.baseUrl("http://localhost:" + this.port)
				.responseTimeout(Duration.ofSeconds(30))
				.build();
		}

		void awaitReady() {
			DeployFilesTest.awaitReadiness(client());
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
