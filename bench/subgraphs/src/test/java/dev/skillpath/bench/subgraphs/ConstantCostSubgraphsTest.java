package dev.skillpath.bench.subgraphs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's subgraphs over HTTP: they answer as federation subgraphs do, and a body
 * seen before is answered from memory, not computed again.
 */
class ConstantCostSubgraphsTest {

	private final ConstantCostSubgraphs subgraphs = new ConstantCostSubgraphs().start(0);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@AfterEach
	void stop() {
		this.subgraphs.stop();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> post(String subgraph, String query, Map<String, Object> variables) throws Exception {
		String body = this.json.writeValueAsString(Map.of("query", query, "variables", variables));
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.subgraphs.port(subgraph) + "/graphql"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readValue(response.body(), Map.class);
	}

	@Test
	void aRepeatedRequestIsAnsweredFromMemory() throws Exception {
		Map<String, Object> first = post("products", "{ topProducts(first: 2) { upc name price } }", Map.of());
		Map<String, Object> again = post("products", "{ topProducts(first: 2) { upc name price } }", Map.of());
		assertThat(first).isEqualTo(again)
			.isEqualTo(
					Map.of("data", Map.of("topProducts", List.of(Map.of("upc", "1", "name", "Product 1", "price", 300),
							Map.of("upc", "2", "name", "Product 2", "price", 600)))));
		assertThat(this.subgraphs.stats().get("products")).containsEntry("requests", 2L).containsEntry("computed", 1L);
	}

	@Test
	void entitiesAreResolvedWithTheirRequiredFields() throws Exception {
		Map<String, Object> answer = post("inventory",
				"query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { upc inStock shippingEstimate } } }",
				Map.of("r", List.of(Map.of("__typename", "Product", "upc", "1", "price", 300, "weight", 10),
						Map.of("__typename", "Product", "upc", "4", "price", 1200, "weight", 40))));
		assertThat(answer).isEqualTo(
				Map.of("data", Map.of("_entities", List.of(Map.of("upc", "1", "inStock", true, "shippingEstimate", 5),
						Map.of("upc", "4", "inStock", false, "shippingEstimate", 0)))));
	}

	@Test
	void aProductWithoutItsRequiredFieldsStillHasItsStock() throws Exception {
		Map<String, Object> answer = post("inventory",
				"query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { upc inStock } } }",
				Map.of("r", List.of(Map.of("__typename", "Product", "upc", "3"))));
		assertThat(answer).isEqualTo(Map.of("data", Map.of("_entities", List.of(Map.of("upc", "3", "inStock", true)))));
	}

	@Test
	@SuppressWarnings("unchecked")
	void reviewsLinkUsersAndProducts() throws Exception {
		Map<String, Object> answer = post("reviews",
				"query($r: [_Any!]!) { _entities(representations: $r) { ... on User { reviews { id author { username } product { upc } } } } }",
				Map.of("r", List.of(Map.of("__typename", "User", "id", "2"))));
		List<Map<String, Object>> reviews = (List<Map<String, Object>>) ((List<Map<String, Object>>) ((Map<String, Object>) answer
			.get("data")).get("_entities")).get(0).get("reviews");
		assertThat(reviews).extracting((review) -> review.get("id")).containsExactly("2", "6", "10");
		assertThat(reviews.get(0)).containsEntry("author", Map.of("username", "@user2"))
			.containsEntry("product", Map.of("upc", "1"));
	}

	@Test
	void eachSubgraphServesItsFederationSdl() throws Exception {
		for (String name : ConstantCostSubgraphs.NAMES) {
			Map<String, Object> answer = post(name, "{ _service { sdl } }", Map.of());
			assertThat(answer.toString()).as(name).contains("@key");
		}
	}

}
