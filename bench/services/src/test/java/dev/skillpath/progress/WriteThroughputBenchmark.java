package dev.skillpath.progress;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Write throughput of {@code setSkillStatus} over HTTP, end to end (token check, GraphQL,
 * one transaction with the learner lock, statement and projection). A benchmark, not a
 * test: it asserts nothing about time and only runs when asked:
 * {@code bench/run progress-throughput}.
 */
class WriteThroughputBenchmark extends ProgressServiceTest {

	@Test
	void setSkillStatusThroughput() {
		List<String> skills = ContentService.backendSkillIds().subList(0, 40);
		List<String> statuses = List.of("LEARNING", "DONE", "SKIPPED");
		int learners = 40;
		int writesPerLearner = 50;
		WebClient web = WebClient.create("http://localhost:" + this.port + "/graphql");
		List<String> bearers = java.util.stream.IntStream.range(0, learners)
			.mapToObj((i) -> bearer(newLearner("bench")))
			.toList();
		// warm-up fills the skill cache and JIT-compiles the write path
		run(web, bearers, skills, statuses, 10, 8, new AtomicInteger(),
				new java.util.concurrent.ConcurrentLinkedQueue<>());
		for (int concurrency : new int[] { 1, 8, 32, 64 }) {
			AtomicInteger errors = new AtomicInteger();
			java.util.Queue<Long> latencies = new java.util.concurrent.ConcurrentLinkedQueue<>();
			int perLearner = concurrency == 1 ? 10 : writesPerLearner;
			long start = System.nanoTime();
			int writes = run(web, bearers, skills, statuses, perLearner, concurrency, errors, latencies);
			double seconds = (System.nanoTime() - start) / 1e9;
			long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
			System.out.printf(
					"BENCHMARK setSkillStatus: %d writes by %d learners, concurrency %d: %.1f s, %.0f writes/s,"
							+ " p50 %d ms, p99 %d ms, %d errors%n",
					writes, learners, concurrency, seconds, writes / seconds, sorted[sorted.length / 2] / 1_000_000,
					sorted[(int) (sorted.length * 0.99)] / 1_000_000, errors.get());
		}
	}

	private static int run(WebClient web, List<String> bearers, List<String> skills, List<String> statuses,
			int writesPerLearner, int concurrency, AtomicInteger errors, java.util.Queue<Long> latencies) {
		int total = bearers.size() * writesPerLearner;
		Flux.range(0, total).flatMap((i) -> Mono.defer(() -> {
			long begin = System.nanoTime();
			return web.post()
				.header("Authorization", bearers.get(i % bearers.size()))
				.bodyValue(Map.of("query", SetSkillStatusTest.SET, "variables",
						Map.of("input",
								Map.of("skillId", skills.get(i % skills.size()), "status",
										statuses.get(i % statuses.size())))))
				.retrieve()
				.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.doOnNext((body) -> {
					latencies.add(System.nanoTime() - begin);
					if (body.containsKey("errors")) {
						errors.incrementAndGet();
					}
				});
		}), concurrency).blockLast(Duration.ofMinutes(5));
		return total;
	}

}
