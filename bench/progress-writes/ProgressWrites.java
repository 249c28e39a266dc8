import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client of the progress-writes benchmark (bench/run progress-writes): progress writes from
 * many concurrent learners through the gateway. Each learner has its own development token and,
 * in a closed loop, sends setSkillStatus (cycling through real skill ids and statuses, a new
 * clientMutationId each time) and waits for the answer before the next one. First one write per
 * skill (so progress-service has checked every skill id with content-service once, as in a running
 * suite), then the learners start, spread over the warm-up; then a measured window of fixed
 * length. Everything is bounded.
 *
 *   java bench/progress-writes/ProgressWrites.java --gateway http://127.0.0.1:18180 --learners 500 \
 *        --warmup 10 --duration 30 [--cold true]
 *
 * {@code --cold true} skips the priming writes and starts every learner at once.
 *
 * A write answered with a retryable SERVICE_UNAVAILABLE (progress-service shedding load, or the
 * gateway's open circuit) is sent again, with the same clientMutationId, after a pause of
 * {@code --retry-after-ms} (500) ± half, as a client would; without the pause a refused learner
 * would spin and the benchmark would measure refusals per second.
 *
 * Prints one JSON line: requests, errors (non-200 or a GraphQL error; refusals among them),
 * refused (retryable answers), throughput, latency percentiles in milliseconds of all answers and
 * of acknowledged writes. Loopback only; needs the gateway's local profile (/dev/tokens).
 */
public class ProgressWrites {

	static final List<String> SKILLS = List.of("internet", "http", "dns", "linux", "git", "python", "java",
			"javascript", "networking-basics", "hosting", "browsers", "html-css", "os-basics", "problem-solving",
			"communication", "self-learning", "programming-basics", "version-control", "backend-language", "nodejs");

	static final List<String> STATUSES = List.of("LEARNING", "DONE", "SKIPPED", "NOT_STARTED");

	static final String MUTATION = "mutation($input: SetSkillStatusInput!) "
			+ "{ setSkillStatus(input: $input) { progress { status } } }";

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		String gateway = options.getOrDefault("gateway", "http://127.0.0.1:18180");
		int learners = Integer.parseInt(options.getOrDefault("learners", "500"));
		Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "10")));
		Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "30")));
		boolean cold = Boolean.parseBoolean(options.getOrDefault("cold", "false"));
		long retryAfterMillis = Long.parseLong(options.getOrDefault("retry-after-ms", "500"));
		String run = Long.toString(System.currentTimeMillis(), 36);
		if (!gateway.startsWith("http://127.0.0.1") && !gateway.startsWith("http://localhost")) {
			throw new IllegalArgumentException("loopback only: " + gateway);
		}

		HttpClient client = HttpClient.newBuilder()
			.executor(Executors.newFixedThreadPool(2))
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < learners; i++) {
			tokens.add(token(client, gateway, "bench-" + run + "-" + i));
		}

		if (!cold) {
			String primer = "bench-" + run + "-primer";
			String primerToken = token(client, gateway, primer);
			for (int i = 0; i < SKILLS.size(); i++) {
				new Learner(client, URI.create(gateway + "/graphql"), primer, primerToken, 0, null, 0, null, 0).send(i).join();
			}
		}
		long start = System.nanoTime();
		long measureFrom = start + warmup.toNanos();
		long measureUntil = measureFrom + duration.toNanos();
		Recorder recorder = new Recorder(measureFrom, measureUntil, cold);
		CountDownLatch done = new CountDownLatch(learners);
		URI uri = URI.create(gateway + "/graphql");
		java.util.concurrent.ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor();
		long spread = cold ? 0 : warmup.toNanos() / 2;
		for (int i = 0; i < learners; i++) {
			Learner learner = new Learner(client, uri, "bench-" + run + "-" + i, tokens.get(i), i, recorder, measureUntil,
					done, retryAfterMillis);
			starter.schedule((Runnable) learner::next, spread * i / learners, TimeUnit.NANOSECONDS);
		}
		if (!done.await(duration.plus(warmup).plusSeconds(60).toSeconds(), TimeUnit.SECONDS)) {
			System.err.println("some learners were still waiting for answers at the end");
		}
		System.out.println(recorder.summary(learners, duration));
		System.exit(0);
	}

	/** One learner in a closed loop: a write, its answer, the next write. */
	record Learner(HttpClient client, URI uri, String subject, String token, int offset, Recorder recorder,
			long until, CountDownLatch done, long retryAfterMillis) {

		void next() {
			next(0);
		}

		void next(int n) {
			if (System.nanoTime() >= this.until) {
				this.done.countDown();
				return;
			}
			long sent = System.nanoTime();
			send(n).whenComplete((response, failure) -> {
				long took = System.nanoTime() - sent;
				boolean ok = failure == null && response.statusCode() == 200 && !response.body().contains("\"errors\"")
						&& response.body().contains("\"status\"");
				boolean refused = !ok && failure == null && response.body().contains("\"retryable\":true");
				this.recorder.record(sent, took, ok, refused, failure != null ? failure.getClass().getSimpleName()
						: response.statusCode() + (ok ? "" : " " + kind(response.body())));
				if (refused) {
					// the same write again after a pause
					long pause = this.retryAfterMillis / 2 + java.util.concurrent.ThreadLocalRandom.current()
						.nextLong(this.retryAfterMillis + 1);
					CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS).execute(() -> next(n));
				}
				else {
					next(n + 1);
				}
			});
		}

		CompletableFuture<HttpResponse<String>> send(int n) {
			String body = "{\"query\":" + quote(MUTATION) + ",\"variables\":{\"input\":{\"skillId\":\""
					+ SKILLS.get((this.offset + n) % SKILLS.size()) + "\",\"status\":\""
					+ STATUSES.get((this.offset + n / SKILLS.size()) % STATUSES.size()) + "\",\"clientMutationId\":\""
					+ this.subject + "-" + n + "\"}}}";
			HttpRequest request = HttpRequest.newBuilder(this.uri)
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + this.token)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
		}

	}

	/** Latencies and outcomes of requests sent inside the measured window. */
	static final class Recorder {

		final long from;

		final long until;

		final long[] latencies = new long[4_000_000];

		final long[] acknowledged = new long[4_000_000];

		final AtomicLong count = new AtomicLong();

		final AtomicLong acknowledgedCount = new AtomicLong();

		final AtomicLong errors = new AtomicLong();

		final AtomicLong refused = new AtomicLong();

		final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();

		final boolean cold;

		Recorder(long from, long until, boolean cold) {
			this.from = from;
			this.until = until;
			this.cold = cold;
		}

		void record(long sentAt, long nanos, boolean ok, boolean refused, String kind) {
			if (sentAt < this.from || sentAt >= this.until) {
				return;
			}
			int index = (int) this.count.getAndIncrement();
			if (index < this.latencies.length) {
				this.latencies[index] = nanos;
			}
			if (ok) {
				int acked = (int) this.acknowledgedCount.getAndIncrement();
				if (acked < this.acknowledged.length) {
					this.acknowledged[acked] = nanos;
				}
			}
			if (refused) {
				this.refused.incrementAndGet();
			}
			if (!ok) {
				this.errors.incrementAndGet();
				this.errorKinds.computeIfAbsent(kind, (k) -> new AtomicLong()).incrementAndGet();
			}
		}

		String summary(int learners, Duration duration) {
			int n = (int) Math.min(this.count.get(), this.latencies.length);
			long[] sorted = Arrays.copyOf(this.latencies, n);
			Arrays.sort(sorted);
			long[] acked = Arrays.copyOf(this.acknowledged, (int) Math.min(this.acknowledgedCount.get(),
					this.acknowledged.length));
			Arrays.sort(acked);
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("learners", learners);
			out.put("cold", this.cold);
			out.put("seconds", duration.toSeconds());
			out.put("requests", n);
			out.put("errors", this.errors.get());
			out.put("refused", this.refused.get());
			out.put("acknowledged", acked.length);
			out.put("throughput", Math.round(n * 10.0 / duration.toSeconds()) / 10.0);
			out.put("p50_ms", millis(sorted, 0.50));
			out.put("p90_ms", millis(sorted, 0.90));
			out.put("p99_ms", millis(sorted, 0.99));
			out.put("max_ms", n == 0 ? 0 : Math.round(sorted[n - 1] / 100_000.0) / 10.0);
			out.put("ack_p50_ms", millis(acked, 0.50));
			out.put("ack_p99_ms", millis(acked, 0.99));
			out.put("ack_max_ms", acked.length == 0 ? 0 : Math.round(acked[acked.length - 1] / 100_000.0) / 10.0);
			StringBuilder json = new StringBuilder("{");
			out.forEach((k, v) -> json.append('"').append(k).append("\":").append(v).append(','));
			json.append("\"error_kinds\":{");
			String kinds = String.join(",", this.errorKinds.entrySet().stream()
				.map((e) -> quote(e.getKey()) + ":" + e.getValue().get()).toList());
			return json.append(kinds).append("}}").toString();
		}

		static double millis(long[] sorted, double quantile) {
			if (sorted.length == 0) {
				return 0;
			}
			int index = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
			return Math.round(sorted[Math.max(0, index)] / 100_000.0) / 10.0;
		}

	}

	static String token(HttpClient client, String gateway, String subject) throws Exception {
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(gateway + "/dev/tokens"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"" + subject + "\",\"roles\":[\"LEARNER\"]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
		if (response.statusCode() != 200 || !token.find()) {
			throw new IllegalStateException("no development token from " + gateway + ": " + response.body());
		}
		return token.group(1);
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		return options;
	}

	static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
	}

	/** The kind of a failed answer: its error code and the start of its message, without numbers that vary. */
	static String kind(String body) {
		return abbreviate(body.replaceAll("[0-9]+", "N"));
	}

	static String abbreviate(String text) {
		String flat = text.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<uuid>");
		return flat.length() > 100 ? flat.substring(0, 100) : flat;
	}

}
