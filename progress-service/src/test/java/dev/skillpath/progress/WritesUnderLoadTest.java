package dev.skillpath.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.skillpath.progress.tracking.WriteAdmission;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes under load, against the real PostgreSQL and the real content-service (behind a
 * local forwarder that counts the lookups): concurrent writes of a skill not yet checked
 * share one lookup, an unknown id is remembered briefly, a write of a known skill is
 * three statements, and writes beyond the admission's bounds are answered at once with a
 * retryable error while every acknowledged write is stored.
 */
@TestPropertySource(properties = { "skillpath.progress.writes.max-in-flight=2",
		"skillpath.progress.writes.max-waiting=40", "skillpath.progress.writes.max-wait=20s" })
class WritesUnderLoadTest extends ProgressServiceTest {

	private static CountingContentForwarder content;

	@DynamicPropertySource
	static void countedContentService(DynamicPropertyRegistry registry) {
		registry.add("skillpath.test.content-url", () -> forwarder().graphqlUrl());
	}

	private static synchronized CountingContentForwarder forwarder() {
		if (content == null) {
			content = CountingContentForwarder.to(ContentService.graphqlUrl(), Duration.ofMillis(300));
		}
		return content;
	}

	@AfterAll
	static void stopForwarder() {
		if (content != null) {
			content.close();
			content = null;
		}
	}

	@Autowired
	private WriteAdmission admission;

	@Autowired
	private ConnectionFactory connections;

	@Test
	void concurrentWritesOfASkillNotYetCheckedAskContentServiceOnce() {
		String skill = ContentService.backendSkillIds().get(3);
		this.catalog.forget();
		List<String> learners = Flux.range(0, 40).map((i) -> newLearner("cold")).collectList().block();
		List<Map<String, Object>> answers = Flux.fromIterable(learners)
			.flatMap((learner) -> setStatusConcurrently(learner, Map.of("skillId", skill, "status", "LEARNING")), 40)
			.collectList()
			.block(Duration.ofSeconds(90));

		assertThat(answers).hasSize(40).allSatisfy((answer) -> assertThat(answer).doesNotContainKey("errors"));
		assertThat(content.requestsContaining("\"" + skill + "\"")).isEqualTo(1);
		assertThat(this.db
			.sql("SELECT count(*) FROM statement WHERE learner_id = ANY(:learners::text[]) AND skill_id = :skill")
			.bind("learners", learners.toArray(String[]::new))
			.bind("skill", skill)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block()).isEqualTo(40);
	}

	@Test
	void anUnknownSkillIdIsAskedForOnceByConcurrentWritesAndRememberedForAFewSeconds() {
		String missing = "no-such-skill-" + UUID.randomUUID();
		String learner = newLearner("typo");
		List<Map<String, Object>> answers = Flux.range(0, 5)
			.flatMap((i) -> setStatusConcurrently(learner, Map.of("skillId", missing, "status", "DONE")), 5)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(answers).hasSize(5).allSatisfy((answer) -> assertThat(code(answer)).isEqualTo("BAD_USER_INPUT"));
		assertThat(content.requestsContaining(missing)).isEqualTo(1);

		// still unknown a moment later: answered without asking
		assertThat(code(setStatusConcurrently(learner, Map.of("skillId", missing, "status", "DONE")).block()))
			.isEqualTo("BAD_USER_INPUT");
		assertThat(content.requestsContaining(missing)).isEqualTo(1);

		// after unknown-skill-ttl (5 s) content-service is asked again: the skill may
		// exist by now
		this.clock.set(Instant.now().plusSeconds(6));
		assertThat(code(setStatusConcurrently(learner, Map.of("skillId", missing, "status", "DONE")).block()))
			.isEqualTo("BAD_USER_INPUT");
		assertThat(content.requestsContaining(missing)).isEqualTo(2);
	}

	@Test
	void aWriteOfAKnownSkillIsThreeStatementsAndItsRetryOneMore() {
		String learner = newLearner("lean");
		String skill = startLearning(learner, 4);

		this.sql.reset();
		Map<String, Object> input = Map.of("skillId", skill, "status", "DONE", "clientMutationId", "tap-9");
		assertThat(setStatusConcurrently(learner, input).block()).doesNotContainKey("errors");
		// lock the learner, read the skill's state, append statement and projection
		assertThat(this.sql.statements()).hasSize(3);
		assertThat(this.sql.statements().get(0)).contains("FOR NO KEY UPDATE");

		this.sql.reset();
		Map<String, Object> retry = setStatusConcurrently(learner, input).block();
		assertThat(((Map<?, ?>) ((Map<?, ?>) retry.get("data")).get("setSkillStatus")).get("replayed")).isEqualTo(true);
		assertThat(this.sql.statements()).hasSize(4);
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", learner)).isEqualTo(2);
	}

	@Test
	void writesBeyondTheBoundsAreRefusedAtOnceAndEveryAcknowledgedWriteIsStored() {
		String held = newLearner("held");
		String skill = startLearning(held, 5);

		// the test holds the learner's row lock, so the next writes of this learner
		// cannot finish
		Connection locker = Mono.from(this.connections.create()).block();
		try {
			Mono.from(locker.beginTransaction()).block();
			Flux.from(locker.createStatement("SELECT id FROM learner WHERE id = $1 FOR UPDATE")
				.bind("$1", held)
				.execute()).flatMap((result) -> result.map((row, meta) -> 1)).blockLast();

			// two run (blocked on the lock), forty wait for a place
			List<Mono<Map<String, Object>>> admitted = new java.util.ArrayList<>();
			for (int i = 0; i < 42; i++) {
				admitted.add(setStatusConcurrently(held, Map.of("skillId", skill, "status",
						i % 2 == 0 ? "DONE" : "LEARNING", "clientMutationId", "admitted-" + i))
					.cache());
				admitted.get(i).subscribe();
				int expected = i + 1;
				eventually(() -> this.admission.inFlight() + this.admission.waiting() == expected);
			}
			assertThat(this.admission.inFlight()).isEqualTo(2);
			assertThat(this.admission.waiting()).isEqualTo(40);

			// the rest are answered while those still wait: at once, retryable, saying
			// why
			List<String> others = Flux.range(0, 20).map((i) -> newLearner("refused")).collectList().block();
			List<Map<String, Object>> refused = Flux.fromIterable(others)
				.flatMap((learner) -> setStatusConcurrently(learner, Map.of("skillId", skill, "status", "DONE")), 20)
				.collectList()
				.block(Duration.ofSeconds(15));
			assertThat(refused).hasSize(20).allSatisfy((answer) -> {
				Map<?, ?> error = (Map<?, ?>) ((List<?>) answer.get("errors")).get(0);
				Map<?, ?> extensions = (Map<?, ?>) error.get("extensions");
				assertThat(extensions.get("code")).isEqualTo("SERVICE_UNAVAILABLE");
				assertThat(extensions.get("retryable")).isEqualTo(true);
				assertThat(extensions.get("reason")).isEqualTo("OVERLOADED");
				assertThat((String) error.get("message")).contains("overloaded", "nothing was stored", "retry");
			});
			assertThat(this.admission.inFlight() + this.admission.waiting()).isEqualTo(42);
			assertThat(this.db.sql("SELECT count(*) FROM statement WHERE learner_id = ANY(:learners::text[])")
				.bind("learners", others.toArray(String[]::new))
				.map((row) -> row.get(0, Long.class))
				.one()
				.block()).isZero();

			Mono.from(locker.rollbackTransaction()).block();
			List<Map<String, Object>> stored = Flux.concat(admitted).collectList().block(Duration.ofSeconds(60));
			assertThat(stored).hasSize(42).allSatisfy((answer) -> assertThat(answer).doesNotContainKey("errors"));
		}
		finally {
			Mono.from(locker.close()).block();
		}
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", held)).isEqualTo(43);
		eventually(() -> this.admission.inFlight() == 0);
		assertThat(this.admission.waiting()).isZero();
	}

	/**
	 * {@code learner} starts learning the backend roadmap's skill at {@code index};
	 * answers the skill's id.
	 */
	private String startLearning(String learner, int index) {
		String skill = ContentService.backendSkillIds().get(index);
		assertThat(setStatusConcurrently(learner, Map.of("skillId", skill, "status", "LEARNING")).block())
			.doesNotContainKey("errors");
		return skill;
	}

	private static void eventually(java.util.function.BooleanSupplier condition) {
		long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(until);
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static Object code(Map<String, Object> answer) {
		Map<?, ?> error = (Map<?, ?>) ((List<?>) answer.get("errors")).get(0);
		return ((Map<?, ?>) error.get("extensions")).get("code");
	}

}
