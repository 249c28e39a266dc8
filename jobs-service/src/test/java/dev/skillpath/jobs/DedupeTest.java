package dev.skillpath.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deduplication across partners on a labelled corpus of duplicate and near-miss pairs:
 * one partner sends the first listing of a pair, another partner the second.
 */
class DedupeTest extends JobsServiceTest {

	@Autowired
	private JsonMapper json;

	@Test
	void theLabelledPairsAreMergedWithPrecisionAndRecallOfAtLeast90Percent() throws IOException {
		String first = registerPartner("dedupe-a");
		String second = registerPartner("dedupe-b");
		int truePositives = 0;
		int falsePositives = 0;
		int falseNegatives = 0;
		int pairs = 0;
		StringBuilder misses = new StringBuilder();
		String mergedJob = null;
		try (InputStream in = getClass().getResourceAsStream("/corpus/dedupe.jsonl")) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode pair = this.json.readTree(line);
				Map<String, Object> a = push(first, MediaType.APPLICATION_JSON,
						record("p" + pairs, pair.get("a"), "a"));
				Map<String, Object> b = push(second, MediaType.APPLICATION_JSON,
						record("p" + pairs, pair.get("b"), "b"));
				assertThat(results(a).get(0)).containsEntry("status", "CREATED");
				assertThat(results(b).get(0)).containsEntry("status", "CREATED");
				boolean merged = jobId(a, 0).equals(jobId(b, 0));
				assertThat(results(b).get(0).get("mergedWithOtherSources")).isEqualTo(merged ? Boolean.TRUE : null);
				boolean expected = pair.get("duplicate").asBoolean();
				if (merged && expected) {
					truePositives++;
					mergedJob = jobId(a, 0);
				}
				else if (merged) {
					falsePositives++;
					misses.append("\n  merged but distinct: ").append(pair.get("b").get("title").asString());
				}
				else if (expected) {
					falseNegatives++;
					misses.append("\n  missed duplicate: ").append(pair.get("b").get("title").asString());
				}
				pairs++;
			}
		}
		double precision = truePositives / (double) Math.max(1, truePositives + falsePositives);
		double recall = truePositives / (double) (truePositives + falseNegatives);
		System.out.printf("Dedupe corpus: %d pairs, precision %.3f, recall %.3f%s%n", pairs, precision, recall, misses);
		assertThat(precision).as("precision" + misses).isGreaterThanOrEqualTo(0.9);
		assertThat(recall).as("recall" + misses).isGreaterThanOrEqualTo(0.9);

		// one canonical job keeps every source and URL
		List<Object> sources = this.anonymous.document("query($id: ID!) { job(id: $id) { sources { partnerId url } } }")
			.variable("id", mergedJob)
			.execute()
			.path("job.sources")
			.entityList(Object.class)
			.get();
		assertThat(sources).hasSize(2);
		assertThat(sources.toString()).contains("https://a.example/").contains("https://b.example/");
	}

	private String record(String externalId, JsonNode listing, String board) {
		return this.json
			.writeValueAsString(Map.of("externalId", externalId, "title", listing.get("title").asString(), "company",
					listing.get("company").asString(), "location", listing.get("location").asString(), "description",
					listing.get("description").asString(), "url", "https://" + board + ".example/jobs/" + externalId));
	}

}
