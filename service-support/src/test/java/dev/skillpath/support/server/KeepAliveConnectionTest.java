package dev.skillpath.support.server;

import java.time.Duration;

import dev.skillpath.support.server.RawHttpConnection.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request that got no answer: on a keep-alive connection, a request that arrives
 * while the previous one is still being handled is queued by Reactor Netty's
 * {@code HttpTrafficHandler}; when the queued one is answered at once (before the server
 * has read its end), Reactor Netty 1.3.6 drained the queue without asking the channel for
 * more, so it never read the connection again and the next request waited forever. Our
 * services and the gateway run on that server (docs/decisions/0019).
 */
class KeepAliveConnectionTest {

	private static final Duration ANSWER = Duration.ofSeconds(5);

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
	void aRequestAfterAQueuedOneAnsweredAtOnceIsAnswered() throws Exception {
		try (RawHttpConnection connection = new RawHttpConnection(port)) {
			// the second arrives while the first is still being handled: queued
			connection.send(RawHttpConnection.get("/slow") + RawHttpConnection.get("/fast"));
			assertThat(connection.read(ANSWER)).extracting(Response::body).isEqualTo("slow");
			assertThat(connection.read(ANSWER)).extracting(Response::body).isEqualTo("fast");

			connection.send(RawHttpConnection.get("/fast"));
			Response third = connection.read(ANSWER);
			assertThat(third).as("an answer to the request after the queued one, within " + ANSWER).isNotNull();
			assertThat(third.status()).isEqualTo(200);
			assertThat(third.body()).isEqualTo("fast");
		}
	}

	@Test
	void everyRequestOfALongPipelineIsAnswered() throws Exception {
		try (RawHttpConnection connection = new RawHttpConnection(port)) {
			for (int round = 0; round < 20; round++) {
				connection.send(RawHttpConnection.get("/slow") + RawHttpConnection.get("/fast")
						+ RawHttpConnection.get("/fast"));
				for (String expected : new String[] { "slow", "fast", "fast" }) {
					Response response = connection.read(ANSWER);
					assertThat(response).as("answer to /" + expected + " in round " + round).isNotNull();
					assertThat(response.body()).isEqualTo(expected);
				}
			}
		}
	}

	@Test
	void aRequestSentAsSoonAsThePreviousAnswerArrivedIsAnswered() throws Exception {
		// no pipelining: what a pooled client does, sending on a connection as soon as it
		// has read the answer, which can be before the server has finished the request
		try (RawHttpConnection connection = new RawHttpConnection(port)) {
			for (int round = 0; round < 100; round++) {
				for (String path : new String[] { "/slow", "/fast", "/fast" }) {
					connection.send(RawHttpConnection.get(path));
					Response response = connection.read(ANSWER);
					assertThat(response).as("answer to " + path + " in round " + round).isNotNull();
				}
			}
		}
	}

}
