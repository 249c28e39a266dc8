package dev.skillpath.support.server;

import java.time.Duration;

import dev.skillpath.support.server.RawHttpConnection.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.skillpath.support.config.ServiceDefaultsEnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection that stops sending is closed: idle between requests, half way through a
 * request's headers, or half way through its body. The server here has timeouts of a
 * second or two instead of the defaults' 30 to 60 s.
 */
class ServerTimeoutsTest {

	private static final Duration WITHIN = Duration.ofSeconds(6);

	static ConfigurableApplicationContext server;

	static int port;

	@BeforeAll
	static void start() {
		server = TestServer.start("--server.netty.idle-timeout=1s", "--skillpath.server.read-timeout=1s",
				"--skillpath.server.request-timeout=2s");
		port = TestServer.port(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void everyServerHasBoundedTimeoutsByDefault() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.setConversionService(new ApplicationConversionService());
		new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("server.netty.idle-timeout", Duration.class))
			.isEqualTo(Duration.ofSeconds(60));
		ServerTimeouts timeouts = Binder.get(environment).bindOrCreate("skillpath.server", ServerTimeouts.class);
		assertThat(timeouts.readTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(timeouts.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void anIdleKeepAliveConnectionIsClosed() throws Exception {
		try (RawHttpConnection connection = new RawHttpConnection(port)) {
			connection.send(RawHttpConnection.get("/fast"));
			assertThat(connection.read(WITHIN)).extracting(Response::status).isEqualTo(200);
			long start = System.nanoTime();
			assertThat(connection.closedByServerWithin(WITHIN)).as("closed after the idle timeout").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
		}
	}

	@Test
	void aConnectionWhoseRequestHeadersStopIsClosed() throws Exception {
		try (RawHttpConnection connection = new RawHttpConnection(port)) {
			connection.send("GET /fast HTTP/1.1\r\nHost: localhost\r\n");
			assertThat(connection.closedByServerWithin(WITHIN)).as("closed after the idle timeout").isTrue();
		}
	}

	@Test
	void aRequestWhoseBodyStopsIsEnded() throws Exception {
		try (RawHttpConnection connection = new RawHttpConnection(port)) {
			connection.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
					+ "Content-Length: 100\r\n\r\n0123456789");
			assertThat(connection.closedByServerWithin(WITHIN)).as("closed after the read timeout").isTrue();
		}
	}

	@Test
	void aRequestWhoseBodyTricklesIsAnswered408() throws Exception {
		try (RawHttpConnection connection = new RawHttpConnection(port)) {
			connection.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
					+ "Content-Length: 100\r\n\r\n");
			// a byte every half second: never a second without a read, never the whole
			// body
			// in 2 s
			Response response = null;
			for (int i = 0; i < 12 && response == null; i++) {
				try {
					connection.send("x");
				}
				catch (java.io.IOException closed) {
					break;
				}
				response = connection.read(Duration.ofMillis(500));
			}
			assertThat(response).as("an answer within the request timeout").isNotNull();
			assertThat(response.status()).isEqualTo(408);
			assertThat(response.body()).contains("REQUEST_TIMEOUT");
			assertThat(connection.closedByServerWithin(WITHIN)).as("closed after the request timeout").isTrue();
		}
	}

}
