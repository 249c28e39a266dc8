package dev.skillpath.gateway.edge;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import dev.skillpath.gateway.GatewayApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link StackOverflowError} thrown while the gateway handles a request (here in a
 * test-only route, behind every filter of the gateway: security, rate limits, CORS) ends
 * that request with a 500 problem body and an error log line, and the gateway goes on
 * answering GraphQL.
 */
@SpringBootTest(classes = { GatewayApplication.class, GatewayErrorSafetyNetTest.OverflowRoute.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.NAME, "skillpath.gateway.poll-interval=1s" })
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class GatewayErrorSafetyNetTest {

	static SwitchableSubgraph content;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void subgraphs(DynamicPropertyRegistry registry) throws IOException {
		content = new SwitchableSubgraph("hello", "world");
		SwitchableSubgraph.register(registry, content, null);
	}

	@AfterAll
	static void stop() {
		content.close();
	}

	@Test
	void aStackOverflowInAHandlerIsAnswered500AndTheGatewayGoesOn(CapturedOutput output) throws InterruptedException {
		WebTestClient http = EdgeClients.http(this.port);
		EdgeClients.awaitReady(http, Duration.ofSeconds(30), "composed");
		for (int i = 0; i < 3; i++) {
			http.get()
				.uri("/test/overflow")
				.exchange()
				.expectStatus()
				.isEqualTo(500)
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("INTERNAL_SERVER_ERROR");
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
		assertThat(output).contains("Unexpected error [").contains("java.lang.StackOverflowError");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class OverflowRoute {

		@Bean
		RouterFunction<ServerResponse> overflowRoute() {
			return RouterFunctions.route()
				.GET("/test/overflow", (request) -> ServerResponse.ok().bodyValue(depth(0)))
				.build();
		}

		static int depth(int level) {
			return depth(level + 1) + 1;
		}

	}

}
