package dev.skillpath.systemtests.resilience;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.skillpath.systemtests.SuiteServices;
import dev.skillpath.support.security.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphQL attacks a public endpoint meets, each sent end to end to a gateway in the
 * prod profile (over the real services) and each refused with a clear
 * {@code extensions.code} before any subgraph does the work. The limits are the gateway's
 * defaults (OperationLimits.DEFAULTS).
 */
class AttacksTest {

	static GatewayUnderTest gateway;

	static WebTestClient http;

	@BeforeAll
	static void startProdGateway() {
		gateway = GatewayUnderTest.get("prod", Map.of());
		http = gateway.http();
	}

	static WebTestClient.BodyContentSpec post(Object body) {
		return http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectBody();
	}

	static WebTestClient.BodyContentSpec refused(String query, String code) {
		return post(Map.of("query", query)).jsonPath("$.data")
			.doesNotExist()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo(code)
			.jsonPath("$.errors[0].message")
			.isNotEmpty();
	}

	static String repeat(int times, java.util.function.IntFunction<String> part) {
		return IntStream.range(0, times).mapToObj(part).collect(Collectors.joining(" "));
	}

	@Test
	void aliasOverloadingIsRefused() {
		refused("{ " + repeat(40, (i) -> "a" + i + ": skill(id: \"java\") { name }") + " }", "OPERATION_LIMIT_EXCEEDED")
			.jsonPath("$.errors[0].extensions.limit")
			.isEqualTo("aliases");
		// the same aliases one level down count too
		refused("{ skill(id: \"java\") { " + repeat(40, (i) -> "n" + i + ": name") + " } }", "OPERATION_LIMIT_EXCEEDED")
			.jsonPath("$.errors[0].extensions.limit")
			.isEqualTo("aliases");
	}

	@Test
	void batchesOfTooManyOperationsAreRefused() {
		http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Collections.nCopies(50, Map.of("query", "{ skill(id: \"java\") { name } }")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("BAD_REQUEST")
			.jsonPath("$.errors[0].message")
			.value((String m) -> assertThat(m).contains("1 to 10"));
		// each operation inside an accepted batch still meets every limit
		http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(List.of(Map.of("query", "{ skill(id: \"java\") { name } }"),
					Map.of("query",
							"{ " + repeat(40, (i) -> "a" + i + ": __typename") + " skill(id: \"java\") { a: name } }")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].data.skill.name")
			.isEqualTo("Java")
			.jsonPath("$[1].errors[0].extensions.code")
			.isEqualTo("OPERATION_LIMIT_EXCEEDED");
	}

	@Test
	void batchesWhoseOperationsTogetherCostTooMuchAreRefusedAndRunNothing() {
		String learner = "batcher-" + UUID.randomUUID();
		// each costs about 100 x (1 + 10 x (1 + 10)) = 11,200: within the 50,000 limit
		// alone, not five times
		String costly = "{ skills(first: 100) { edges { node { requires { requires { name } } } } } }";
		String byVariable = "query Page($n: Int) { skills(first: $n) { edges { node { requires { requires { name } } } } } }";
		post(Map.of("query", costly)).jsonPath("$.errors").doesNotExist();
		http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(List.of(Map.of("query", costly), Map.of("query", costly)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].errors")
			.doesNotExist()
			.jsonPath("$[1].errors")
			.doesNotExist();
		http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + GatewayUnderTest.token(learner, Role.LEARNER))
			.bodyValue(List.of(Map.of("query",
					"mutation { setSkillStatus(input: {skillId: \"java\", status: DONE}) { progress { status } } }"),
					Map.of("query", costly), Map.of("query", costly), Map.of("query", costly), Map.of("query", costly),
					Map.of("query", byVariable, "variables", Map.of("n", 100))))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("OPERATION_LIMIT_EXCEEDED")
			.jsonPath("$.errors[0].extensions.limit")
			.isEqualTo("batchCost")
			.jsonPath("$.errors[0].extensions.max")
			.isEqualTo(50_000)
			.jsonPath("$.errors[0].extensions.actual")
			.value((Number actual) -> assertThat(actual.longValue()).isGreaterThan(55_000))
			.jsonPath("$.errors[0].message")
			.value((String m) -> assertThat(m).contains("together"));
		// refused as a whole before anything ran: the mutation in front stored nothing
		assertThat(statementsOf(learner)).as("progress stored by a refused batch").isZero();
	}

	@Test
	void deepNestingIsRefused() {
		String nested = "name";
		for (int i = 0; i < 30; i++) {
			nested = "requires { " + nested + " }";
		}
		refused("{ skill(id: \"java\") { " + nested + " } }", "OPERATION_LIMIT_EXCEEDED")
			.jsonPath("$.errors[0].extensions.limit")
			.isEqualTo("depth");
	}

	@Test
	void fieldDuplicationIsRefused() {
		refused("{ skill(id: \"java\") { " + "name ".repeat(3_000) + "} }", "OPERATION_LIMIT_EXCEEDED")
			.jsonPath("$.errors[0].extensions.limit")
			.isEqualTo("fields");
	}

	@Test
	void directiveOverloadingIsRefused() {
		// many directives on many fields
		refused("{ skill(id: \"java\") { " + repeat(60, (i) -> "name @include(if: true)") + " } }",
				"OPERATION_LIMIT_EXCEEDED")
			.jsonPath("$.errors[0].extensions.limit")
			.isEqualTo("directives");
		// the same directive repeated on one field (not a repeatable directive)
		refused("{ skill(id: \"java\") { name " + "@include(if: true) ".repeat(60) + "} }",
				"GRAPHQL_VALIDATION_FAILED");
	}

	@Test
	void circularFragmentsAreRefused() {
		refused("{ skill(id: \"java\") { ...A } } fragment A on Skill { name ...B } fragment B on Skill { id ...A }",
				"GRAPHQL_VALIDATION_FAILED");
		refused("{ skill(id: \"java\") { ...Self } } fragment Self on Skill { requires { ...Self } }",
				"GRAPHQL_VALIDATION_FAILED");
	}

	@Test
	void fragmentsThatMultiplyIntoHugeOperationsAreRefused() {
		// no cycle, but each fragment spreads the one before twice: 2^40 fields once
		// inlined
		StringBuilder query = new StringBuilder("{ skill(id: \"java\") { ...F40 } } fragment F0 on Skill { name }");
		for (int i = 1; i <= 40; i++) {
			query.append(" fragment F")
				.append(i)
				.append(" on Skill { ...F")
				.append(i - 1)
				.append(" ...F")
				.append(i - 1)
				.append(" }");
		}
		refused(query.toString(), "OPERATION_LIMIT_EXCEEDED").jsonPath("$.errors[0].extensions.limit")
			.isEqualTo("fields");
	}

	@Test
	void introspectionIsOffInProd() {
		refused("{ __schema { types { name } } }", "INTROSPECTION_DISABLED");
		refused("{ __type(name: \"Skill\") { fields { name } } }", "INTROSPECTION_DISABLED");
		refused("{ ...Schema } fragment Schema on Query { __schema { queryType { name } } }", "INTROSPECTION_DISABLED");
		// __typename is not introspection of the schema
		post(Map.of("query", "{ __typename }")).jsonPath("$.data.__typename").isEqualTo("Query");
	}

	@Test
	void misspelledNamesGetNoSuggestionsInProd() {
		for (String query : List.of("{ skil(id: \"java\") { name } }", "{ skill(id: \"java\") { nam } }",
				"{ skill(idd: \"java\") { name } }", "{ roadmap(id: \"backend\") { stage { title } } }",
				"mutation { setSkillStatus(input: {skillId: \"java\", status: DON}) { progress { status } } }")) {
			post(Map.of("query", query)).jsonPath("$.errors[0].extensions.code")
				.isEqualTo("GRAPHQL_VALIDATION_FAILED")
				.jsonPath("$.errors[*].message")
				.value((List<String> messages) -> assertThat(String.join("\n", messages)).as(query)
					.doesNotContainIgnoringCase("did you mean")
					.doesNotContain("DONE"));
		}
	}

	@Test
	void mutationsOverGetAreRefusedAndStoreNothing() {
		String learner = "attacker-" + UUID.randomUUID();
		String mutation = "mutation { setSkillStatus(input: {skillId: \"java\", status: DONE}) { progress { status } } }";
		for (String operationName : new String[] { null, "Write" }) {
			String document = operationName == null ? mutation
					: "query Read { __typename } mutation Write { setSkillStatus(input: {skillId: \"java\", status: DONE}) { progress { status } } }";
			UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(gateway.baseUrl() + "/graphql")
				.queryParam("query", "{query}");
			if (operationName != null) {
				uri.queryParam("operationName", operationName);
			}
			URI target = uri.build(Map.of("query", document));
			http.get()
				.uri(target)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + GatewayUnderTest.token(learner, Role.LEARNER))
				.exchange()
				.expectStatus()
				.isEqualTo(405)
				.expectHeader()
				.valueEquals(HttpHeaders.ALLOW, "POST")
				.expectBody()
				.jsonPath("$.errors[0].extensions.code")
				.isEqualTo("BAD_REQUEST");
		}
		assertThat(statementsOf(learner)).as("progress stored by refused GET mutations").isZero();
	}

	static long statementsOf(String learner) {
		return ServiceRows.count(SuiteServices.get().progress,
				"SELECT count(*) AS n FROM statement WHERE learner_id = :l", Map.of("l", learner));
	}

}
