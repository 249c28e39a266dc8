package dev.skillpath.jobs;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static dev.skillpath.support.testing.GraphQlErrors.assertBadUserInput;
import static dev.skillpath.support.testing.GraphQlErrors.firstError;
import static dev.skillpath.support.testing.GraphQlErrors.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * U+0000 cannot be stored by PostgreSQL: a partner record holding it is rejected with the
 * field while the rest of its batch is stored, and a GraphQL argument holding it is the
 * client's BAD_USER_INPUT naming the argument, with nothing stored.
 */
class NulCharacterTest extends JobsServiceTest {

	@Test
	void aPushedRecordWithANulIsRejectedWithItsFieldAndTheOthersAreStored() {
		String key = registerPartner("nul");
		// \\u0000 is the JSON escape: the partner's record holds a real NUL once read
		Map<String, Object> report = push(key, MediaType.APPLICATION_JSON,
				"{\"jobs\": [" + ourJob("nul-1", "Go Developer", "Null Island Ltd", "") + ","
						+ ourJob("nul-2", "Go Developer", "Null Island Ltd", "\"description\": \"<p>Go\\u0000</p>\"")
						+ "," + ourJob("nul-3\\u0000x", "Go Developer", "Null Island Ltd", "") + ","
						+ ourJob("nul-4", "Go Developer", "Null Island Ltd", "\"skills\": [\"Go\", \"SQL\\u0000\"]")
						+ "," + ourJob("nul-5", "Go Developer", "Null Island Ltd",
								"\"salary\": {\"min\": 1, \"currency\": \"EU\\u0000\"}")
						+ "]}");
		List<Map<String, Object>> results = results(report);
		assertThat(results).extracting((r) -> r.get("status"))
			.containsExactly("CREATED", "REJECTED", "REJECTED", "REJECTED", "REJECTED");
		assertThat(results).extracting((r) -> r.get("field"))
			.containsExactly(null, "description", "externalId", "skills[1]", "salary.currency");
		assertThat((String) results.get(1).get("reason")).contains("NUL character (U+0000)");
		// the report is stored, so it echoes the id with the NUL shown as U+FFFD
		assertThat(results.get(2).get("externalId")).isEqualTo("nul-3\uFFFDx");
		assertThat(counts(report)).containsEntry("created", 1).containsEntry("rejected", 4);

		this.http.get()
			.uri("/partner/v1/ingestions/" + report.get("ingestionId"))
			.header("X-Api-Key", key)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.counts.rejected")
			.isEqualTo(4);
		listings(key).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.listings.length()")
			.isEqualTo(1)
			.jsonPath("$.listings[0].externalId")
			.isEqualTo("nul-1");
	}

	@Test
	void aGraphQlArgumentWithANulIsBadUserInputAndStoresNothing() {
		String id = "nul-" + UUID.randomUUID().toString().substring(0, 8);
		// in a variable, inside an input object
		assertBadUserInput(onlyError(this.admin
			.document("mutation($input: RegisterPartnerInput!) { registerPartner(input: $input) { apiKey } }")
			.variable("input", Map.of("id", id, "name", "Null\u0000Corp"))
			.execute()), "input.name", "input.name", "U+0000");
		// as a literal (the GraphQL escape \u0000)
		assertBadUserInput(firstError(this.admin
			.document("mutation { registerPartner(input: {id: \"" + id + "\", name: \"Null\\u0000Corp\"}) { apiKey } }")
			.execute()), "input.name");
		assertThat(this.admin.document("{ partners { id } }")
			.execute()
			.path("partners[*].id")
			.entityList(String.class)
			.get()).doesNotContain(id);
		// a query's argument too: the search text would reach PostgreSQL
		assertBadUserInput(firstError(
				this.anonymous.document("query($text: String) { jobs(filter: {text: $text}) { totalCount } }")
					.variable("text", "go\u0000")
					.execute()),
				"filter.text");
	}

}
