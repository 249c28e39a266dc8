package dev.skillpath.progress;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many writers on one learner at once: no change is lost, and the state is the last one
 * stored.
 */
class ConcurrentWritesTest extends ProgressServiceTest {

	@Test
	void fiftyConcurrentWritersLoseNoEventAndTheLastAcceptedWriteIsTheState() {
		String learner = newLearner("busy");
		List<String> statuses = List.of("LEARNING", "DONE", "SKIPPED", "NOT_STARTED");
		List<Map<String, Object>> answers = Flux.range(0, 50)
			.flatMap((i) -> setStatusConcurrently(learner,
					Map.of("skillId", "graphql", "status", statuses.get(i % 4), "note", "writer " + i)), 50)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(answers).hasSize(50).allSatisfy((answer) -> assertThat(answer).doesNotContainKey("errors"));
		assertThat(answers).extracting((a) -> statementId(a)).doesNotHaveDuplicates();
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", learner)).isEqualTo(50);

		HttpGraphQlTester client = as(learner);
		String lastStored = client.document("{ me { history(first: 1) { edges { node { id note } } } } }")
			.execute()
			.path("me.history.edges[0].node.note")
			.entity(String.class)
			.get();
		client.document("{ me { progress { skillId note } } }")
			.execute()
			.path("me.progress[0].note")
			.entity(String.class)
			.isEqualTo(lastStored);
	}

	@Test
	void concurrentRetriesOfOneChangeAreAppliedOnce() {
		String learner = newLearner("retry");
		Map<String, Object> input = Map.of("skillId", "websockets", "status", "DONE", "clientMutationId", "same");
		List<Map<String, Object>> answers = Flux.range(0, 10)
			.flatMap((i) -> setStatusConcurrently(learner, input), 10)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(answers).extracting((a) -> statementId(a)).containsOnly(statementId(answers.get(0)));
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", learner)).isEqualTo(1);
	}

	private static Object statementId(Map<String, Object> answer) {
		Map<?, ?> data = (Map<?, ?>) answer.get("data");
		return ((Map<?, ?>) data.get("setSkillStatus")).get("statementId");
	}

}
