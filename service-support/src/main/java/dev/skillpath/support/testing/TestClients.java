package dev.skillpath.support.testing;

import java.time.Duration;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The HTTP clients every service's tests use: one for a running service, and a GraphQL tester
 * per caller (anonymous, or with a bearer token), all talking real HTTP.
 */
public final class TestClients {

	private TestClients() {
	}

	/** A client for the service at {@code baseUrl}, patient enough for a loaded CI machine. */
	public static WebTestClient http(String baseUrl) {
		return WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30)).build();
	}

	/** A GraphQL tester on the service's /graphql; a null token means an anonymous caller. */
	public static HttpGraphQlTester graphql(String baseUrl, String bearerToken) {
		HttpGraphQlTester tester = HttpGraphQlTester.create(http(baseUrl + "/graphql"));
		return bearerToken == null ? tester
				: tester.mutate().header("Authorization", "Bearer " + bearerToken).build();
	}

}
