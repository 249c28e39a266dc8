package dev.skillpath.systemtests.resilience;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.skillpath.systemtests.SuiteServices;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.TestClients;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of generated malformed inputs (jqwik, fixed seeds, so every run sends the same
 * {@value #SEED}-seeded corpus): GraphQL documents, variables and JSON bodies to the
 * gateway's /graphql, and JSON and XML bodies to the partner API through the gateway.
 * Every answer is below 500, the gateway and the services are still healthy afterwards,
 * and no rejected request stored anything (progress statements and partner listings
 * counted before and after).
 */
class MalformedInputFuzzTest {

	static final String SEED = "20261125";

	/** Inputs actually sent, over all properties; at least 1,000 must be. */
	static final AtomicInteger sent = new AtomicInteger();

	static final JsonMapper json = JsonMapper.builder().build();

	static GatewayUnderTest gateway;

	static WebTestClient http;

	static String learner;

	static String learnerToken;

	static String partnerId;

	static String partnerKey;

	static long statementsBefore;

	@BeforeContainer
	static void start() {
		gateway = GatewayUnderTest.get("test", Map.of());
		http = gateway.http();
		learner = "fuzz-" + UUID.randomUUID();
		learnerToken = GatewayUnderTest.token(learner, Role.LEARNER);
		partnerId = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
		partnerKey = (String) graphql(GatewayUnderTest.token("fuzz-admin", Role.ADMIN),
				"mutation($id: ID!) { registerPartner(input: {id: $id, name: \"Fuzz Board\"}) { apiKey } }",
				Map.of("id", partnerId))
			.path("registerPartner", "apiKey");
		statementsBefore = ServiceRows.count(SuiteServices.get().progress, "SELECT count(*) AS n FROM statement",
				Map.of());
	}

	@AfterContainer
	static void checkNothingBrokeOrWasStored() {
		System.out
			.println("MalformedInputFuzzTest sent " + sent.get() + " generated malformed inputs (seed " + SEED + ")");
		assertThat(sent.get()).as("generated malformed inputs sent").isGreaterThanOrEqualTo(1_000);
		for (String base : List.of(gateway.baseUrl(), SuiteServices.get().content.baseUrl(),
				SuiteServices.get().progress.baseUrl(), SuiteServices.get().jobs.baseUrl())) {
			// readiness, on a new connection as a probe asks: the services' includes
			// their database,
			// the gateway's its supergraph
			WebTestClient.ResponseSpec readiness;
			try {
				readiness = TestClients.probe(base).get().uri("/actuator/health/readiness").exchange();
			}
			catch (IllegalStateException unanswered) {
				throw new AssertionError("no answer from " + base + "/actuator/health/readiness within "
						+ TestClients.PATIENCE.toSeconds() + " s; event loops:\n" + TestClients.eventLoopStacks(),
						unanswered);
			}
			readiness.expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
		}
		assertThat(ServiceRows.count(SuiteServices.get().progress, "SELECT count(*) AS n FROM statement", Map.of()))
			.as("progress statements stored by malformed requests")
			.isEqualTo(statementsBefore);
		assertThat(listingsOfPartner()).as("listings stored from malformed partner bodies").isZero();
	}

	// ---- GraphQL documents
	// -------------------------------------------------------------------

	static final List<String> DOCUMENTS = List.of("{ skill(id: \"java\") { name requires { id } } }",
			"query Q($id: ID!) { skill(id: $id) { name resources(freeOnly: true) { title } } }",
			"{ roadmap(id: \"backend\") { stages { title skills { id name } } } }",
			"mutation { setSkillStatus(input: {skillId: \"java\", status: DONE}) { progress { status } } }",
			"{ searchSkills(text: \"postgres\") { skill { name } matchedOn score } }",
			"{ jobs(first: 5) { edges { node { title company { name } } } } }",
			"query A { ...F } fragment F on Query { skill(id: \"go\") { name @include(if: true) } }");

	static final List<String> NOISE = List.of("{", "}", "(", ")", "[", "]", "...", "$", "$x", "@", "@skip",
			"@include(if:", "\"", "\"\"\"", ":", "!", "#", ",", "=", "|", "&", "fragment", "on", "query", "mutation",
			"subscription", "__schema", "__type(name:", "\u0000", "\\u12", "\uD800", "\n", "1e999999", "-", "null",
			"true", "ÿ", "𝕏", "skill(id: 42)", "{ __typename }", "query", "directive @x on FIELD");

	@Provide
	Arbitrary<String> malformedDocuments() {
		Arbitrary<String> seed = Arbitraries.of(DOCUMENTS);
		Arbitrary<Integer> at = Arbitraries.integers().between(0, 10_000);
		Arbitrary<String> truncated = Combinators.combine(seed, at).as((doc, i) -> doc.substring(0, i % doc.length()));
		Arbitrary<String> noisy = Combinators.combine(seed, at, Arbitraries.of(NOISE).list().ofMinSize(1).ofMaxSize(6))
			.as((doc, i, noise) -> {
				int cut = i % doc.length();
				return doc.substring(0, cut) + String.join(" ", noise) + doc.substring(cut);
			});
		Arbitrary<String> deleted = Combinators.combine(seed, at, Arbitraries.integers().between(1, 12))
			.as((doc, i, n) -> {
				int from = i % doc.length();
				return doc.substring(0, from) + doc.substring(Math.min(doc.length(), from + n));
			});
		Arbitrary<String> random = Arbitraries.strings().all().ofMaxLength(300);
		Arbitrary<String> tokens = Arbitraries.of(NOISE)
			.list()
			.ofMinSize(1)
			.ofMaxSize(40)
			.map((l) -> String.join(" ", l));
		Arbitrary<String> unbalanced = Arbitraries.integers()
			.between(1, 3_000)
			.map((n) -> "{ skill(id: \"java\") " + "{ requires ".repeat(n));
		return Arbitraries.frequencyOf(Tuple.of(3, truncated), Tuple.of(4, noisy), Tuple.of(2, deleted),
				Tuple.of(2, random), Tuple.of(2, tokens), Tuple.of(1, unbalanced));
	}

	@Property(tries = 450, seed = SEED, shrinking = ShrinkingMode.OFF)
	void malformedDocumentsAreAnsweredWithClearErrors(@ForAll("malformedDocuments") String document) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", document);
		Answer answer = send("/graphql", MediaType.APPLICATION_JSON, json.writeValueAsBytes(body), null);
		answer.assertGraphQlErrorsHaveCodes();
	}

	// ---- variables
	// ---------------------------------------------------------------------------

	static final String SET_STATUS = """
			mutation($input: SetSkillStatusInput!) { setSkillStatus(input: $input) { progress { status } } }""";

	/** Values that no field of SetSkillStatusInput accepts where they are put. */
	@Provide
	Arbitrary<Map<String, Object>> malformedVariables() {
		Arbitrary<Object> junk = Arbitraries.oneOf(Arbitraries.integers().map((i) -> (Object) i),
				Arbitraries.strings().all().ofMaxLength(50).map((s) -> (Object) s),
				Arbitraries.just((Object) List.of(1, "two", Map.of())),
				Arbitraries.just((Object) Map.of("deep", Map.of())), Arbitraries.just((Object) Double.MAX_VALUE),
				Arbitraries.just((Object) true));
		Arbitrary<String> badStatus = Arbitraries.strings()
			.alpha()
			.ofMinLength(1)
			.ofMaxLength(12)
			.filter((s) -> !List.of("NOT_STARTED", "LEARNING", "DONE", "SKIPPED").contains(s));
		Arbitrary<Map<String, Object>> badInput = Arbitraries.oneOf(badStatus.map((s) -> input("java", s)),
				junk.map((j) -> input(j, "DONE")), junk.map((j) -> input("java", j)),
				Arbitraries.strings()
					.alpha()
					.ofMinLength(3)
					.ofMaxLength(20)
					.map((s) -> input("no-such-skill-" + s.toLowerCase(), "DONE")),
				Arbitraries.integers()
					.between(2_001, 20_000)
					.map((n) -> with(input("java", "DONE"), "note", "x".repeat(n))),
				Arbitraries.integers()
					.between(101, 5_000)
					.map((n) -> with(input("java", "DONE"), "clientMutationId", "c".repeat(n))),
				badStatus.map((s) -> with(input("java", "DONE"), "masteryLevel", s)),
				Arbitraries.strings()
					.alpha()
					.ofMinLength(1)
					.ofMaxLength(10)
					.map((s) -> with(input("java", "DONE"), "unknown" + s, 1)),
				Arbitraries.just(with(new LinkedHashMap<>(), "status", "DONE")),
				Arbitraries.just(with(new LinkedHashMap<>(), "skillId", "java")));
		Arbitrary<Map<String, Object>> inputs = badInput.map((i) -> with(new LinkedHashMap<>(), "input", i));
		Arbitrary<Map<String, Object>> notAnInput = junk.map((j) -> with(new LinkedHashMap<>(), "input", j));
		Arbitrary<Map<String, Object>> missing = Arbitraries.just(new LinkedHashMap<>());
		Arbitrary<Map<String, Object>> nullInput = Arbitraries.just(with(new LinkedHashMap<>(), "input", null));
		return Arbitraries.frequencyOf(Tuple.of(8, inputs), Tuple.of(2, notAnInput), Tuple.of(1, missing),
				Tuple.of(1, nullInput));
	}

	@Property(tries = 250, seed = SEED, shrinking = ShrinkingMode.OFF)
	void malformedVariablesWriteNothing(@ForAll("malformedVariables") Map<String, Object> variables) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", SET_STATUS);
		body.put("variables", variables);
		Answer answer = send("/graphql", MediaType.APPLICATION_JSON, json.writeValueAsBytes(body),
				"Bearer " + learnerToken);
		answer.assertGraphQlErrorsHaveCodes();
		assertThat(answer.text()).as("refused: " + variables).contains("\"errors\"");
		assertThat(ServiceRows.count(SuiteServices.get().progress,
				"SELECT count(*) AS n FROM statement WHERE learner_id = :l", Map.of("l", learner)))
			.as("statements stored for " + variables)
			.isZero();
	}

	// ---- raw JSON bodies to /graphql
	// ---------------------------------------------------------

	@Provide
	Arbitrary<RawBody> malformedGraphQlBodies() {
		Arbitrary<String> valid = Arbitraries.of(DOCUMENTS)
			.map((doc) -> json.writeValueAsString(Map.of("query", doc, "variables", Map.of("id", "java"))));
		Arbitrary<Integer> at = Arbitraries.integers().between(0, 10_000);
		Arbitrary<String> truncated = Combinators.combine(valid, at).as((b, i) -> b.substring(0, i % b.length()));
		Arbitrary<String> shapes = Arbitraries.of("{\"query\": 42}", "{\"query\": [\"{ __typename }\"]}",
				"{\"query\": \"{ __typename }\", \"variables\": \"x\"}",
				"{\"query\": \"{ __typename }\", \"variables\": [1]}",
				"{\"query\": \"{ __typename }\", \"operationName\": {}}", "{\"query\": null}", "{}", "[]", "[1, 2]",
				"[{\"query\": 1}]", "null", "true", "\"{ __typename }\"", "1e999999",
				"{\"query\": \"{ __typename }\"}}",
				"{\"query\": \"{ __typename }\", \"extensions\": {\"persistedQuery\": {\"version\": 1, \"sha256Hash\": 7}}}",
				"{\"extensions\": {\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"" + "ab".repeat(32) + "\"}}}",
				"{\"query\": \"{ __typename }\", \"query\": \"{ skill(id: 1) }\"}",
				"\uFEFF{\"query\": \"{ __typename }\"}", "{\"query\": \"\\ud800\"}", "{'query': '{ __typename }'}", "");
		Arbitrary<String> nested = Arbitraries.integers()
			.between(500, 20_000)
			.map((n) -> "{\"query\": \"{ __typename }\", \"variables\": {\"a\": " + "[".repeat(n) + "]".repeat(n)
					+ "}}");
		Arbitrary<String> random = Arbitraries.strings().all().ofMaxLength(200);
		Arbitrary<String> text = Arbitraries.frequencyOf(Tuple.of(3, truncated), Tuple.of(3, shapes),
				Tuple.of(1, nested), Tuple.of(2, random));
		Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
		Arbitrary<String> types = Arbitraries.of("application/json", "application/json",
				"application/graphql-response+json", "text/plain", "application/x-www-form-urlencoded",
				"application/xml", "application/json; charset=latin1");
		return Arbitraries.oneOf(
				Combinators.combine(text, types).as((t, type) -> new RawBody(t.getBytes(StandardCharsets.UTF_8), type)),
				Combinators.combine(bytes, types).as(RawBody::new));
	}

	@Property(tries = 200, seed = SEED, shrinking = ShrinkingMode.OFF)
	void malformedBodiesGetA4xxOrClearErrors(@ForAll("malformedGraphQlBodies") RawBody body) {
		send("/graphql", MediaType.parseMediaType(body.contentType()), body.bytes(), null);
	}

	// ---- partner API: JSON and XML
	// -------------------------------------------------------------

	/**
	 * A record that is complete except for {@code defect}, which the partner API must
	 * reject.
	 */
	static Map<String, Object> listing(String defect, Object value) {
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("externalId", "fz-" + UUID.randomUUID());
		job.put("title", "Backend Developer");
		job.put("company", "Fuzz Works");
		job.put("location", "Berlin, Germany");
		job.put("description", "<p>Build REST APIs in Java with PostgreSQL.</p>");
		job.put("salary", Map.of("min", 50_000, "max", 60_000, "currency", "EUR", "period", "YEAR"));
		if (value == REMOVE) {
			job.remove(defect);
		}
		else {
			job.put(defect, value);
		}
		return job;
	}

	static final Object REMOVE = new Object();

	@Provide
	Arbitrary<RawBody> malformedPartnerJson() {
		Arbitrary<Map<String, Object>> defective = Arbitraries.oneOf(
				Arbitraries.of("externalId", "title", "company", "description").map((f) -> listing(f, REMOVE)),
				Arbitraries.of("externalId", "title", "company", "description").map((f) -> listing(f, "")),
				Arbitraries.of("externalId", "title", "company", "description").map((f) -> listing(f, List.of(1))),
				Arbitraries.integers().between(301, 5_000).map((n) -> listing("title", "T".repeat(n))),
				Arbitraries.integers().between(201, 2_000).map((n) -> listing("externalId", "e".repeat(n))),
				Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map((s) -> listing("remote", "X" + s)),
				Arbitraries.strings().ofMaxLength(12).map((s) -> listing("postedAt", "not a date " + s)),
				Arbitraries.of("javascript:alert(1)", "ftp://x", "not a url", "//no-scheme")
					.map((u) -> listing("url", u)),
				Arbitraries.just(listing("description", "<script>alert(1)</script>")),
				Arbitraries.just(listing("salary", Map.of("min", 90_000, "max", 10, "currency", "EUR"))),
				Arbitraries.just(listing("salary", Map.of("min", "lots", "currency", "EUR"))),
				Arbitraries.just(listing("salary", Map.of("min", 50_000, "currency", "EURO"))),
				Arbitraries.just(listing("location", Map.of("city", "Nowhere", "country", "Atlantis"))));
		Arbitrary<String> documents = defective.list()
			.ofMinSize(1)
			.ofMaxSize(4)
			.map((jobs) -> json.writeValueAsString(Map.of("jobs", jobs)));
		Arbitrary<Integer> at = Arbitraries.integers().between(0, 100_000);
		Arbitrary<String> truncated = Combinators.combine(documents, at).as((d, i) -> d.substring(0, i % d.length()));
		Arbitrary<String> shapes = Arbitraries.of("", "null", "42", "\"jobs\"", "{\"jobs\": 5}",
				"{\"jobs\": [1, \"x\", null]}", "[[[[[]]]]]", "{\"jobs\": {}}",
				"{\"@context\": \"https://schema.org\", \"@type\": \"JobPosting\"}", "{\"jobs\": [{}]}",
				"[" + "{},".repeat(1_500) + "{}]");
		Arbitrary<String> random = Arbitraries.strings().all().ofMaxLength(300);
		Arbitrary<String> text = Arbitraries.frequencyOf(Tuple.of(6, documents), Tuple.of(2, truncated),
				Tuple.of(2, shapes), Tuple.of(1, random));
		Arbitrary<String> types = Arbitraries.of("application/json", "application/json", "application/ld+json",
				"text/plain", "application/octet-stream");
		return Combinators.combine(text, types).as((t, type) -> new RawBody(t.getBytes(StandardCharsets.UTF_8), type));
	}

	@Property(tries = 200, seed = SEED, shrinking = ShrinkingMode.OFF)
	void malformedPartnerJsonStoresNothing(@ForAll("malformedPartnerJson") RawBody body) {
		pushAndExpectNothingStored(body);
	}

	static final String XML_JOB = "<job><title>Backend Developer</title><referencenumber>%s</referencenumber>"
			+ "<company>Fuzz Works</company><city>Berlin</city><country>DE</country>"
			+ "<description><![CDATA[<p>Java and PostgreSQL.</p>]]></description>%s</job>";

	@Provide
	Arbitrary<RawBody> malformedPartnerXml() {
		// each job is complete but for one defect the partner API rejects
		Arbitrary<String> defectiveJob = Arbitraries.oneOf(Arbitraries.just(String.format(XML_JOB, "", "")),
				Arbitraries.just(String.format(XML_JOB, "fz-x", "").replace("<title>Backend Developer</title>", "")),
				Arbitraries.just(String.format(XML_JOB, "fz-x", "").replace("<company>Fuzz Works</company>", "")),
				Arbitraries.strings()
					.alpha()
					.ofMaxLength(10)
					.map((s) -> String.format(XML_JOB, "fz-" + s, "<date>yesterday " + s + "</date>")),
				Arbitraries.just(String.format(XML_JOB, "fz-y", "")
					.replaceAll("<description>.*</description>",
							"<description><![CDATA[<script>x()</script>]]></description>")),
				Arbitraries.just(String.format(XML_JOB, "fz-z", "<url>javascript:alert(1)</url>")));
		Arbitrary<String> documents = defectiveJob.list()
			.ofMinSize(1)
			.ofMaxSize(4)
			.map((jobs) -> "<?xml version=\"1.0\" encoding=\"utf-8\"?><source><publisher>Fuzz</publisher>"
					+ String.join("", jobs) + "</source>");
		Arbitrary<Integer> at = Arbitraries.integers().between(0, 100_000);
		Arbitrary<String> truncated = Combinators.combine(documents, at).as((d, i) -> d.substring(0, i % d.length()));
		Arbitrary<String> hostile = Arbitraries.of(
				"<?xml version=\"1.0\"?><!DOCTYPE source [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><source><job>"
						+ "<title>&xxe;</title><referencenumber>fz-xxe</referencenumber><company>Fuzz</company>"
						+ "<description>&xxe;</description></job></source>",
				"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
						+ "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><source><job><title>&lol3;</title>"
						+ "</job></source>",
				"<source><job><title>&amp;&unknown;</title></job></source>", "<source>", "</source>", "<source><job>",
				"<?xml version=\"1.0\" encoding=\"ebcdic-bogus\"?><source/>", "<source><job><job><job></source>",
				"<source xmlns:a=\"x\"><a:job/></source>", "<?xml-stylesheet href=\"http://127.0.0.1:9/x\"?><source/>",
				"<source>" + "<x>".repeat(5_000) + "</source>",
				"<source><job><title><![CDATA[unterminated</title></job></source>", "not xml at all", "");
		Arbitrary<String> random = Arbitraries.strings().all().ofMaxLength(300).map((s) -> "<source>" + s);
		Arbitrary<String> text = Arbitraries.frequencyOf(Tuple.of(5, documents), Tuple.of(2, truncated),
				Tuple.of(3, hostile), Tuple.of(1, random));
		Arbitrary<String> types = Arbitraries.of("application/xml", "application/xml", "text/xml");
		return Combinators.combine(text, types).as((t, type) -> new RawBody(t.getBytes(StandardCharsets.UTF_8), type));
	}

	@Property(tries = 200, seed = SEED, shrinking = ShrinkingMode.OFF)
	void malformedPartnerXmlStoresNothing(@ForAll("malformedPartnerXml") RawBody body) {
		Answer answer = pushAndExpectNothingStored(body);
		assertThat(answer.text()).as("no file content leaks into an answer").doesNotContain("root:x:0:0");
	}

	static Answer pushAndExpectNothingStored(RawBody body) {
		Answer answer = send("/partner/v1/jobs", MediaType.parseMediaType(body.contentType()), body.bytes(), null);
		if (answer.status() < 300) {
			// a well-formed push of defective records: every record is rejected, none
			// stored
			assertThat(answer.text()).as("the push report").contains("\"created\":0").contains("\"updated\":0");
		}
		else {
			assertThat(answer.status()).as(answer.text()).isBetween(400, 499);
			assertThat(answer.text()).as("a problem body with a code").contains("\"code\"");
		}
		assertThat(listingsOfPartner()).as("listings stored from " + body + " answered " + answer.text()).isZero();
		return answer;
	}

	// ---- plumbing
	// ----------------------------------------------------------------------------

	/** A body as bytes with the Content-Type it is sent with. */
	record RawBody(byte[] bytes, String contentType) {

		@Override
		public String toString() {
			String text = new String(this.bytes, StandardCharsets.UTF_8);
			return this.contentType + " " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
		}

	}

	/** What the gateway answered. */
	record Answer(int status, byte[] body) {

		String text() {
			return this.body == null ? "" : new String(this.body, StandardCharsets.UTF_8);
		}

		/** A 200 answer carries GraphQL errors with a code; anything else is a 4xx. */
		@SuppressWarnings("unchecked")
		void assertGraphQlErrorsHaveCodes() {
			if (this.status != 200) {
				return;
			}
			Map<String, Object> response = json.readValue(this.body, Map.class);
			if (response.get("errors") instanceof List<?> errors) {
				for (Object error : errors) {
					assertThat(((Map<String, Object>) error).get("extensions")).as("error " + error)
						.isInstanceOf(Map.class);
					assertThat(((Map<String, Object>) ((Map<String, Object>) error).get("extensions")).get("code"))
						.as("code of " + error)
						.isNotNull();
				}
			}
		}

	}

	static Answer send(String path, MediaType type, byte[] body, String authorization) {
		sent.incrementAndGet();
		WebTestClient.RequestBodySpec request = http.post().uri(path).contentType(type);
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		if (path.startsWith("/partner")) {
			request.header("X-Api-Key", partnerKey);
		}
		EntityExchangeResult<byte[]> result = request.bodyValue(body).exchange().expectBody().returnResult();
		Answer answer = new Answer(result.getStatus().value(), result.getResponseBody());
		assertThat(answer.status()).as("status for " + type + " " + abbreviate(body) + ": " + answer.text())
			.isLessThan(500);
		return answer;
	}

	static String abbreviate(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		return text.length() > 300 ? text.substring(0, 300) + "..." : text;
	}

	static Map<String, Object> input(Object skillId, Object status) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("skillId", skillId);
		input.put("status", status);
		return input;
	}

	static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
		map.put(key, value);
		return map;
	}

	static long listingsOfPartner() {
		return ServiceRows.count(SuiteServices.get().jobs, "SELECT count(*) AS n FROM job_source WHERE partner_id = :p",
				Map.of("p", partnerId));
	}

	/** A GraphQL call that must succeed, for the set-up. */
	static GraphQlData graphql(String token, String query, Map<String, Object> variables) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query);
		body.put("variables", variables);
		Map<String, Object> response = TestClients.okJson(http.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body));
		assertThat(response).as("set-up call").doesNotContainKey("errors");
		return new GraphQlData(response.get("data"));
	}

	record GraphQlData(Object data) {

		Object path(String... keys) {
			Object at = this.data;
			for (String key : keys) {
				at = ((Map<?, ?>) at).get(key);
			}
			return at;
		}

	}

}
