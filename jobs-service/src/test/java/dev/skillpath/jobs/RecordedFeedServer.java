package dev.skillpath.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that answers feed URLs with recorded bodies, like the third-party
 * job boards we pull from: ETags with 304 answers, a path that fails once with 503, one
 * that is missing, and one that answers slowly. It counts the requests per path.
 */
final class RecordedFeedServer implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final Map<String, String> bodies = new ConcurrentHashMap<>();

	private final Map<String, Map<String, String>> replacements = new ConcurrentHashMap<>();

	RecordedFeedServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newFixedThreadPool(4));
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** Serves the test resource {@code feeds/<resource>} at {@code path}. */
	RecordedFeedServer serve(String path, String resource) {
		return serve(path, resource, Map.of());
	}

	/**
	 * Serves the test resource {@code feeds/<resource>} at {@code path}, each key of
	 * {@code replacements} in it replaced by its value (dates relative to the test's
	 * time).
	 */
	RecordedFeedServer serve(String path, String resource, Map<String, String> replacements) {
		this.replacements.put(path, Map.copyOf(replacements));
		this.bodies.put(path, resource);
		return this;
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	int requests(String path) {
		return this.requests.getOrDefault(path, new AtomicInteger()).get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		int count = this.requests.computeIfAbsent(path, (p) -> new AtomicInteger()).incrementAndGet();
		if (path.startsWith("/flaky") && count == 1) {
			send(exchange, 503, new byte[0]);
			return;
		}
		if (path.startsWith("/slow")) {
			sleep(1500);
		}
		String resource = this.bodies.get(path);
		if (resource == null) {
			send(exchange, 404, "not here".getBytes());
			return;
		}
		byte[] body;
		try (InputStream in = getClass().getResourceAsStream("/feeds/" + resource)) {
			body = in.readAllBytes();
		}
		Map<String, String> replace = this.replacements.getOrDefault(path, Map.of());
		if (!replace.isEmpty()) {
			String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
			for (Map.Entry<String, String> entry : replace.entrySet()) {
				text = text.replace(entry.getKey(), entry.getValue());
			}
			body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		}
		String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
		if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
			exchange.getResponseHeaders().set("ETag", etag);
			send(exchange, 304, null);
			return;
		}
		exchange.getResponseHeaders().set("ETag", etag);
		exchange.getResponseHeaders()
			.set("Content-Type", resource.endsWith(".json") ? "application/json" : "application/xml");
		send(exchange, 200, body);
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, body == null || body.length == 0 ? -1 : body.length);
		if (body != null && body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		exchange.close();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
