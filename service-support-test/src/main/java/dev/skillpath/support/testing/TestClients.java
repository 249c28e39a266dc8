package dev.skillpath.support.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The HTTP clients every service's tests use: one for a running service, and a GraphQL
 * tester per caller (anonymous, or with a bearer token), all talking real HTTP.
 */
public final class TestClients {

	/**
	 * How long a test client waits for an answer: patient enough for a loaded CI machine.
	 */
	public static final Duration PATIENCE = Duration.ofSeconds(30);

	private TestClients() {
	}

	/**
	 * A client for the service at {@code baseUrl}, waiting {@link #PATIENCE} for an
	 * answer.
	 */
	public static WebTestClient http(String baseUrl) {
		return WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(PATIENCE).build();
	}

	/**
	 * A client that opens a new connection for every request, as a health probe does:
	 * what it sees does not depend on connections other requests of the test left in the
	 * shared pool.
	 */
	public static WebTestClient probe(String baseUrl) {
		HttpClient fresh = HttpClient.create(ConnectionProvider.newConnection());
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(fresh))
			.baseUrl(baseUrl)
			.responseTimeout(PATIENCE)
			.build();
	}

	/**
	 * The stacks of this JVM's Reactor Netty threads, for a failure message when a
	 * request went unanswered: the services of an in-process suite share these event
	 * loops, and one blocked loop stalls every connection it serves.
	 */
	public static String eventLoopStacks() {
		return Thread.getAllStackTraces()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().getName().startsWith("reactor-"))
			.map((entry) -> entry.getKey().getName() + " " + entry.getKey().getState() + "\n\tat "
					+ Arrays.stream(entry.getValue())
						.limit(25)
						.map(StackTraceElement::toString)
						.collect(Collectors.joining("\n\tat ")))
			.collect(Collectors.joining("\n"));
	}

	/**
	 * Sends {@code request}, expects 200 OK and answers the body as text: a Prometheus
	 * scrape, or a GraphQL answer read as it came.
	 */
	public static String okText(WebTestClient.RequestHeadersSpec<?> request) {
		return request.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}

	/**
	 * Sends {@code request}, expects 200 OK and answers the JSON object of the body.
	 */
	public static Map<String, Object> okJson(WebTestClient.RequestHeadersSpec<?> request) {
		return request.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Sends {@code request} to a REST endpoint of a service and expects its error answer:
	 * {@code status}, and a JSON body whose {@code code} is {@code code}, as
	 * service-support writes every refusal; answers the body for further assertions.
	 */
	public static WebTestClient.BodyContentSpec expectError(WebTestClient.RequestHeadersSpec<?> request, int status,
			String code) {
		return request.exchange().expectStatus().isEqualTo(status).expectBody().jsonPath("$.code").isEqualTo(code);
	}

	/**
	 * A GraphQL tester on the service's /graphql; a null token means an anonymous caller.
	 */
	public static HttpGraphQlTester graphql(String baseUrl, String bearerToken) {
		HttpGraphQlTester tester = HttpGraphQlTester.create(http(baseUrl + "/graphql"));
		return bearerToken == null ? tester : tester.mutate().header("Authorization", "Bearer " + bearerToken).build();
	}

}
