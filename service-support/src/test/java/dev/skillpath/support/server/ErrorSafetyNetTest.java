package dev.skillpath.support.server;

import java.time.Duration;

import dev.skillpath.support.server.RawHttpConnection.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link StackOverflowError} while handling a request ends that request with a 500
 * problem body or a GraphQL error, and an error log line; the server goes on serving, on
 * the same connection and on new ones.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorSafetyNetTest {

	private static final Duration ANSWER = Duration.ofSeconds(10);

	static ConfigurableApplicationContext server;

	static int port;

	@BeforeAll
	static void start() {
		server = TestServer.start();
		port = TestServer.port(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aHandlerFunctionThatOverflowsTheStackIsAnswered500(CapturedOutput output) throws Exception {
		answered500AndServingOn("/overflow");
		assertThat(output).contains("Unexpected error [").contains("java.lang.StackOverflowError");
	}

	@Test
	void aControllerMethodThatOverflowsTheStackIsAnswered500(CapturedOutput output) throws Exception {
		answered500AndServingOn("/overflow-annotated");
		assertThat(output).contains("Unexpected error [").contains("java.lang.StackOverflowError");
	}

	@Test
	void aDataFetcherThatOverflowsTheStackIsAGraphQlError(CapturedOutput output) throws Exception {
		try (RawHttpConnection connection = new RawHttpConnection(port)) {
			Response overflow = graphQl(connection, "{ overflow }");
			assertThat(overflow).as("an answer to the overflowing field").isNotNull();
			assertThat(overflow.body()).contains("\"code\":\"INTERNAL_SERVER_ERROR\"")
				.contains("Internal error (reference ")
				.doesNotContain("StackOverflow");
			Response next = graphQl(connection, "{ hello }");
			assertThat(next).as("an answer to the next request on the connection").isNotNull();
			assertThat(next.body()).contains("\"hello\":\"world\"");
		}
		assertThat(output).contains("Unexpected error [").contains("java.lang.StackOverflowError");
	}

	private static void answered500AndServingOn(String path) throws Exception {
		for (int i = 0; i < 3; i++) {
			try (RawHttpConnection connection = new RawHttpConnection(port)) {
				connection.send(RawHttpConnection.get(path));
				Response overflow = connection.read(ANSWER);
				assertThat(overflow).as("an answer to " + path).isNotNull();
				assertThat(overflow.status()).isEqualTo(500);
				assertThat(overflow.headers().get("content-type")).startsWith("application/problem+json");
				assertThat(overflow.body()).contains("\"code\":\"INTERNAL_SERVER_ERROR\"")
					.contains("Internal error (reference ")
					.doesNotContain("StackOverflow");
				connection.send(RawHttpConnection.get("/fast"));
				Response next = connection.read(ANSWER);
				assertThat(next).as("an answer to the next request on the connection").isNotNull();
				assertThat(next.body()).isEqualTo("fast");
			}
			try (RawHttpConnection fresh = new RawHttpConnection(port)) {
				fresh.send(RawHttpConnection.get("/fast"));
				assertThat(fresh.read(ANSWER)).as("a new connection served")
					.extracting(Response::body)
					.isEqualTo("fast");
			}
		}
	}

	private static Response graphQl(RawHttpConnection connection, String query) throws Exception {
		String body = "{\"query\":\"" + query + "\"}";
		connection.send("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length() + "\r\n\r\n" + body);
		return connection.read(ANSWER);
	}

}
