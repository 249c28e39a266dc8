package dev.skillpath.gateway.edge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A tiny subgraph server a test can switch off: it serves one field of type String, and
 * answers 503 while {@code down}.
 */
final class SwitchableSubgraph implements AutoCloseable {

	final HttpServer server;

	final AtomicBoolean down = new AtomicBoolean();

	/** Queries received (SDL polls are not counted). */
	final AtomicInteger hits = new AtomicInteger();

	/** How long a query waits before its answer. */
	final AtomicInteger delayMillis = new AtomicInteger();

	/**
	 * When set, a query's answer is written a byte at a time with this pause between
	 * bytes: a subgraph that keeps the connection busy but never finishes.
	 */
	final AtomicInteger dripMillis = new AtomicInteger();

	SwitchableSubgraph(String field, String value) throws IOException {
		String sdl = "extend schema @link(url: \\\"https://specs.apollo.dev/federation/v2.7\\\", import: [\\\"@key\\\"]) "
				+ "type Query { " + field + ": String }";
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/graphql", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (!body.contains("_service")) {
				this.hits.incrementAndGet(); // queries only: the gateway's SDL polls
												// go on regardless
				pause(this.delayMillis.get());
			}
			byte[] answer;
			int status;
			if (this.down.get()) {
				status = 503;
				answer = "unavailable".getBytes(StandardCharsets.UTF_8);
			}
			else {
				status = 200;
				answer = (body.contains("_service") ? "{\"data\":{\"_service\":{\"sdl\":\"" + sdl + "\"}}}"
						: "{\"data\":{\"" + field + "\":\"" + value + "\"}}")
					.getBytes(StandardCharsets.UTF_8);
			}
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, answer.length);
			int drip = body.contains("_service") ? 0 : this.dripMillis.get();
			try {
				if (drip > 0) {
					for (byte b : answer) {
						exchange.getResponseBody().write(b);
						exchange.getResponseBody().flush();
						pause(drip);
					}
				}
				else {
					exchange.getResponseBody().write(answer);
				}
			}
			catch (IOException ex) {
				// the gateway gave up on the answer
			}
			exchange.close();
		});
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	/**
	 * Points the gateway under test at {@code content} and {@code progress} (none when
	 * null), and at no jobs subgraph.
	 */
	static void register(DynamicPropertyRegistry registry, SwitchableSubgraph content, SwitchableSubgraph progress) {
		registry.add("skillpath.gateway.subgraphs.content", content::url);
		registry.add("skillpath.gateway.subgraphs.progress", () -> (progress != null) ? progress.url() : "");
		registry.add("skillpath.gateway.subgraphs.jobs", () -> "");
	}

	private static void pause(int millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/graphql";
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
