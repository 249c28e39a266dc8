package dev.skillpath.progress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static dev.skillpath.support.testing.GraphQlErrors.assertBadUserInput;
import static dev.skillpath.support.testing.GraphQlErrors.firstError;
import static dev.skillpath.support.testing.GraphQlErrors.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL cannot store U+0000: a progress change holding it is the client's
 * BAD_USER_INPUT naming the argument, and nothing of the request is stored.
 */
class NulCharacterTest extends ProgressServiceTest {

	@Test
	void aNoteOrClientMutationIdWithANulIsRefusedAndNothingIsStored() {
		String ada = newLearner("nul-ada");
		HttpGraphQlTester client = as(ada);
		assertBadUserInput(onlyError(client.document(SetSkillStatusTest.SET)
			.variable("input", Map.of("skillId", "postgresql", "status", "DONE", "note", "indexes\u0000next"))
			.execute()), "input.note", "U+0000");
		// a literal in the document, and the second item of an offline sync: the whole
		// upload is refused
		assertBadUserInput(firstError(client.document(
				"mutation { setSkillStatus(input: {skillId: \"git\", status: DONE, clientMutationId: \"c\\u0000\"}) "
						+ "{ statementId } }")
			.execute()), "input.clientMutationId");
		String now = Instant.now().toString();
		assertBadUserInput(firstError(client
			.document("mutation($items: [SyncProgressItem!]!) { syncProgress(items: $items) { results { outcome } } }")
			.variable("items",
					List.of(Map.of("skillId", "git", "status", "DONE", "timestamp", now),
							Map.of("skillId", "http", "status", "LEARNING", "timestamp", now, "note", "\u0000")))
			.execute()), "items[1].note");
		assertThat(count("SELECT count(*) FROM statement WHERE learner_id = :learner", ada)).isZero();
		client.document("{ me { progress { skillId } } }")
			.execute()
			.path("me.progress")
			.entityList(Object.class)
			.hasSize(0);
	}

}
