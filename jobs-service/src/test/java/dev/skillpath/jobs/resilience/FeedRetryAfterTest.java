package dev.skillpath.jobs.resilience;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skillpath.jobs.JobsServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feed servers that answer 429 or 503 with {@code Retry-After} (seconds or an HTTP date):
 * a pull waits that long before its next attempt when the wait fits in the pull timeout
 * (20 s), otherwise it ends after one request, and the feed's next pull is not before the
 * server's time (when that is later than the failure backoff), at most six hours away.
 */
class FeedRetryAfterTest extends JobsServiceTest {

	static Board board;

	@BeforeAll
	static void startBoard() throws IOException {
		board = new Board();
	}

	@AfterAll
	static void stopBoard() {
		board.close();
	}

	@Test
	void aShortRetryAfterIsWaitedWithinThePull() {
		String path = "/soon-" + UUID.randomUUID();
		board.answer(path, 503, "1");
		Map<String, Object> feed = pull(addFeed(path));
		List<Long> arrivals = board.arrivals(path);
		assertThat(arrivals).as("requests of one pull (2 retries)").hasSize(3);
		for (int i = 1; i < arrivals.size(); i++) {
			// the backoff alone would pause 100 to 300 ms, then 200 to 600 ms
			assertThat(arrivals.get(i) - arrivals.get(i - 1)).as("pause before retry %d (ms)", i)
				.isGreaterThanOrEqualTo(950);
		}
		assertThat((String) feed.get("lastError")).contains("503").contains("Retry-After 1 s");
		assertThat(minutesUntil(feed.get("nextRunAt"))).as("the failure backoff, longer than 1 s").isBetween(58L, 60L);
	}

	@Test
	void aRetryAfterLongerThanThePullTimeoutEndsThePullAndDelaysTheNextOne() {
		assertOneRequestThenNextPullIn(429, "7200", 118L, 120L);
	}

	@Test
	void anHttpDateIsHonouredLikeSeconds() {
		assertOneRequestThenNextPullIn(503, DateTimeFormatter.RFC_1123_DATE_TIME
			.format(Instant.now().plus(Duration.ofHours(3)).atOffset(ZoneOffset.UTC)), 177L, 180L);
	}

	@Test
	void aRetryAfterBeyondSixHoursWaitsSixHours() {
		assertOneRequestThenNextPullIn(429, "172800", 358L, 360L);
	}

	/**
	 * A feed answering {@code status} with {@code retryAfter}, too long to wait within
	 * the pull: one request, and the next pull between {@code fromMinutes} and
	 * {@code toMinutes} away.
	 */
	void assertOneRequestThenNextPullIn(int status, String retryAfter, long fromMinutes, long toMinutes) {
		String path = "/later-" + UUID.randomUUID();
		board.answer(path, status, retryAfter);
		Map<String, Object> feed = pull(addFeed(path));
		assertThat(board.arrivals(path)).as("requests to a feed that asked for %s", retryAfter).hasSize(1);
		assertThat(minutesUntil(feed.get("nextRunAt"))).as("minutes to the next pull")
			.isBetween(fromMinutes, toMinutes);
	}

	// ---- helpers
	// -------------------------------------------------------------------------------

	String addFeed(String path) {
		return addFeed(Map.of("partnerId", partner("retry").id(), "kind", "GREENHOUSE", "url", board.url(path),
				"intervalMinutes", 60));
	}

	Map<String, Object> pull(String feedId) {
		return this.admin.document("mutation($id: ID!) { pullFeed(id: $id) { lastError nextRunAt } }")
			.variable("id", feedId)
			.execute()
			.path("pullFeed")
			.entity(MAP)
			.get();
	}

	static long minutesUntil(Object isoTime) {
		return Duration.between(Instant.now(), OffsetDateTime.parse((String) isoTime).toInstant())
			.plusSeconds(30)
			.toMinutes();
	}

	/**
	 * A job board answering each path with a status and a Retry-After; it records when
	 * requests arrived.
	 */
	static final class Board implements AutoCloseable {

		final HttpServer server;

		final Map<String, String[]> answers = new ConcurrentHashMap<>();

		final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();

		Board() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.setExecutor(Executors.newFixedThreadPool(4));
			this.server.createContext("/", this::handle);
			this.server.start();
		}

		void answer(String path, int status, String retryAfter) {
			this.answers.put(path, new String[] { Integer.toString(status), retryAfter });
		}

		String url(String path) {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
		}

		List<Long> arrivals(String path) {
			return List.copyOf(this.arrivals.getOrDefault(path, List.of()));
		}

		private void handle(HttpExchange exchange) throws IOException {
			String path = exchange.getRequestURI().getPath();
			this.arrivals.computeIfAbsent(path, (p) -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
			String[] answer = this.answers.getOrDefault(path, new String[] { "404", null });
			if (answer[1] != null) {
				exchange.getResponseHeaders().set("Retry-After", answer[1]);
			}
			exchange.sendResponseHeaders(Integer.parseInt(answer[0]), -1);
			exchange.close();
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
