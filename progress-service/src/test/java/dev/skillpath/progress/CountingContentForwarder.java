package dev.skillpath.progress;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server in front of the real content-service: forwards every request after
 * a delay (so that concurrent writes overlap a lookup in flight) and keeps the bodies, so
 * a test can count how often progress-service asked.
 */
final class CountingContentForwarder implements AutoCloseable {

	private final HttpServer server;

	private final HttpClient client = HttpClient.newHttpClient();

	private final URI target;

	private final Duration delay;

	private final Queue<String> bodies = new ConcurrentLinkedQueue<>();

	private CountingContentForwarder(URI target, Duration delay) throws IOException {
		this.target = target;
		this.delay = delay;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newFixedThreadPool(8));
		this.server.createContext("/graphql", this::forward);
		this.server.start();
	}

	static CountingContentForwarder to(String graphqlUrl, Duration delay) {
		try {
			return new CountingContentForwarder(URI.create(graphqlUrl), delay);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String graphqlUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/graphql";
	}

	/** Requests received whose body contains {@code fragment}. */
	long requestsContaining(String fragment) {
		return this.bodies.stream().filter((body) -> body.contains(fragment)).count();
	}

	private void forward(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.bodies.add(body);
			Thread.sleep(this.delay.toMillis());
			HttpResponse<byte[]> answer = this.client.send(HttpRequest.newBuilder(this.target)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer.body());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			exchange.sendResponseHeaders(503, -1);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
