package dev.skillpath.jobs.resilience;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skillpath.jobs.JobsServiceTest;
import dev.skillpath.jobs.feed.FeedPuller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.skillpath.support.testing.Waiting.pause;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feed servers that fail or hang, pulled by the real scheduler ticking every 100 ms: each
 * pull makes at most {@code retries + 1} requests with growing pauses between them, ticks
 * that come while a pull is running add no requests, and a failed feed waits for its
 * interval before the next pull; many failing feeds are pulled two at a time. The local
 * server records what reaches it over a bounded window.
 */
class FeedBackoffTest extends JobsServiceTest {

	static final Duration TIMEOUT = Duration.ofMillis(400);

	static final int RETRIES = 2;

	/**
	 * How long the server is watched after a feed is added: many scheduler ticks, one
	 * pull each.
	 */
	static final Duration WINDOW = Duration.ofSeconds(6);

	static Boards boards;

	@DynamicPropertySource
	static void fastScheduler(DynamicPropertyRegistry registry) {
		registry.add("skillpath.jobs.feeds.poll-interval", () -> "100ms");
		registry.add("skillpath.jobs.feeds.timeout", () -> TIMEOUT.toMillis() + "ms");
		registry.add("skillpath.jobs.feeds.retries", () -> RETRIES);
	}

	@BeforeAll
	static void startBoards() throws IOException {
		boards = new Boards();
	}

	/**
	 * This context's scheduler, stopped after the class so it never pulls other tests'
	 * feeds.
	 */
	static FeedPuller scheduler;

	@Autowired
	void keepScheduler(FeedPuller puller) {
		scheduler = puller;
	}

	@AfterAll
	static void stopSchedulerAndBoards() {
		if (scheduler != null) {
			scheduler.destroy();
		}
		boards.close();
	}

	@Test
	void aFailingFeedIsRetriedWithGrowingPausesThenLeftUntilItsInterval() {
		String path = "/failing-" + UUID.randomUUID();
		addFeed(path);
		pause(WINDOW);
		List<Long> arrivals = boards.arrivals(path);
		assertThat(arrivals).as("requests to a feed answering 503 during %s of 100 ms ticks", WINDOW)
			.hasSize(RETRIES + 1);
		List<Long> gaps = gaps(arrivals);
		// Reactor's backoff: 200 ms, then 400 ms, each with up to 50% jitter
		assertThat(gaps.get(0)).as("first pause (ms)").isGreaterThanOrEqualTo(100);
		assertThat(gaps.get(1)).as("second pause (ms)").isGreaterThanOrEqualTo(200);
	}

	@Test
	void aRateLimitedFeedAskingForMoreThanThePullTimeoutGetsOneRequest() {
		String path = "/limited-" + UUID.randomUUID();
		addFeed(path);
		pause(WINDOW);
		// Retry-After: 1 is longer than the 400 ms pull timeout: no retry within the
		// pull, and the
		// next pull waits for the interval (FeedRetryAfterTest: shorter and longer
		// Retry-Afters)
		assertThat(boards.arrivals(path)).as("requests to a feed answering 429 with Retry-After: 1").hasSize(1);
	}

	@Test
	void aHangingFeedIsRetriedOnlyAfterEachAttemptTimedOut() {
		String path = "/hanging-" + UUID.randomUUID();
		addFeed(path);
		pause(WINDOW.plus(Duration.ofSeconds(2)));
		List<Long> arrivals = boards.arrivals(path);
		assertThat(arrivals).as("requests to a feed that never answers in time").hasSize(RETRIES + 1);
		for (long gap : gaps(arrivals)) {
			// the server still works on an abandoned request, but the puller never sends
			// two at once
			assertThat(gap).as("an attempt waits for the previous one's timeout (ms)")
				.isGreaterThanOrEqualTo(TIMEOUT.toMillis());
		}
	}

	@Test
	void manyHangingFeedsOnOneHostArePulledTwoAtATime() {
		String prefix = "/crowd-" + UUID.randomUUID();
		String partnerId = partner();
		for (int i = 0; i < 6; i++) {
			addFeed(partnerId, prefix + "/hanging-" + i);
		}
		pause(WINDOW.plus(Duration.ofSeconds(4)));
		List<Long> arrivals = boards.arrivalsUnder(prefix);
		assertThat(arrivals).as("requests to six hanging feeds, each pulled once")
			.hasSizeLessThanOrEqualTo(6 * (RETRIES + 1));
		// at most two pulls run at once, and a pull starts an attempt only after the last
		// one timed out
		// (arrivals are stamped by the server, a little after the client started its
		// timeout: a window
		// 100 ms short of the timeout keeps that jitter from counting a finished attempt
		// as concurrent)
		assertThat(mostWithin(arrivals, TIMEOUT.minusMillis(100)))
			.as("requests starting within one timeout of each other")
			.isLessThanOrEqualTo(2);
	}

	/**
	 * The most arrivals in any window of {@code width} (inclusive start, exclusive end).
	 */
	static int mostWithin(List<Long> arrivals, Duration width) {
		List<Long> sorted = arrivals.stream().sorted().toList();
		int most = 0;
		for (int start = 0, end = 0; start < sorted.size(); start++) {
			while (end < sorted.size() && sorted.get(end) < sorted.get(start) + width.toMillis()) {
				end++;
			}
			most = Math.max(most, end - start);
		}
		return most;
	}

	// ---- helpers
	// -------------------------------------------------------------------------------

	String partner() {
		return partner("backoff").id();
	}

	void addFeed(String path) {
		addFeed(partner(), path);
	}

	void addFeed(String partnerId, String path) {
		addFeed(Map.of("partnerId", partnerId, "kind", "GREENHOUSE", "url", boards.url(path), "intervalMinutes", 60));
	}

	static List<Long> gaps(List<Long> arrivals) {
		List<Long> gaps = new ArrayList<>();
		for (int i = 1; i < arrivals.size(); i++) {
			gaps.add(arrivals.get(i) - arrivals.get(i - 1));
		}
		return gaps;
	}

	/**
	 * A third-party job board that misbehaves by path: {@code /failing...} answers 503,
	 * {@code /limited...} 429 with Retry-After, {@code /hanging...} holds each request
	 * for 3 s. It records when each request arrived.
	 */
	static final class Boards implements AutoCloseable {

		final HttpServer server;

		final ExecutorService threads = Executors.newFixedThreadPool(16);

		final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();

		Boards() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.setExecutor(this.threads);
			this.server.createContext("/", this::handle);
			this.server.start();
		}

		String url(String path) {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
		}

		List<Long> arrivals(String path) {
			return List.copyOf(this.arrivals.getOrDefault(path, List.of()));
		}

		/** When each request to a path under {@code prefix} arrived. */
		List<Long> arrivalsUnder(String prefix) {
			return this.arrivals.entrySet()
				.stream()
				.filter((e) -> e.getKey().startsWith(prefix))
				.flatMap((e) -> e.getValue().stream())
				.toList();
		}

		private void handle(HttpExchange exchange) throws IOException {
			String path = exchange.getRequestURI().getPath();
			this.arrivals.computeIfAbsent(path, (p) -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
			try {
				String name = path.substring(path.lastIndexOf('/') + 1);
				if (name.startsWith("hanging")) {
					pause(Duration.ofSeconds(3));
					send(exchange, 200, "{\"jobs\": []}");
				}
				else if (name.startsWith("limited")) {
					exchange.getResponseHeaders().set("Retry-After", "1");
					send(exchange, 429, "slow down");
				}
				else {
					send(exchange, 503, "unavailable");
				}
			}
			catch (IOException | RuntimeException ex) {
				// the client gave up (timeout): nothing to answer
			}
			finally {
				exchange.close();
			}
		}

		private static void send(HttpExchange exchange, int status, String body) throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.threads.shutdownNow();
		}

	}

}
