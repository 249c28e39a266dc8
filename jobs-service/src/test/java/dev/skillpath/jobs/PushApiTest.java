package dev.skillpath.jobs;

import java.util.List;
import java.util.Map;

import dev.skillpath.support.testing.TestClients;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static dev.skillpath.support.testing.GraphQlErrors.assertBadUserInput;
import static dev.skillpath.support.testing.GraphQlErrors.assertCode;
import static dev.skillpath.support.testing.GraphQlErrors.firstError;
import static dev.skillpath.support.testing.TestClients.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partner push API: formats, per-record results, replays, limits, unsafe XML and
 * isolation.
 */
class PushApiTest extends JobsServiceTest {

	private static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");

	@Test
	void ourJsonStoresValidRecordsAndRejectsOthersWithFieldAndReason() {
		String key = registerPartner("board");
		Map<String, Object> report = push(key, MediaType.APPLICATION_JSON, "{\"jobs\": ["
				+ ourJob("a-1", "Backend Engineer (m/f/d)", "Quokka Labs GmbH",
						"\"salary\": {\"min\": 60000, \"max\": 75000, \"currency\": \"EUR\", \"period\": \"YEAR\"}, "
								+ "\"skills\": [\"Java\", \"PostgreSQL\"]")
				+ "," + ourJob("a-2", "", "Quokka Labs", "") + ","
				+ ourJob("a-3", "Engineer", "Quokka Labs",
						"\"salary\": {\"min\": 90000, \"max\": 80000, \"currency\": \"EUR\"}")
				+ "," + ourJob("a-4", "Engineer", "Quokka Labs", "\"url\": \"javascript:alert(1)\"") + ","
				+ ourJob("a-5", "Engineer", "Quokka Labs", "\"remote\": \"sometimes\"") + ","
				+ ourJob("a-6", "Engineer", "Quokka Labs", "\"postedAt\": \"yesterday\"") + ","
				+ ourJob("a-7", "Engineer", "Quokka Labs", "\"title\": {\"nested\": true}") + ", 42]}");
		List<Map<String, Object>> results = results(report);
		assertThat(results).extracting((r) -> r.get("status"))
			.containsExactly("CREATED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED",
					"REJECTED");
		assertThat(results).extracting((r) -> r.get("field"))
			.containsExactly(null, "title", "salary.min", "url", "remote", "postedAt", "title", "record");
		assertThat((String) results.get(2).get("reason")).contains("greater than salary.max");
		assertThat(counts(report)).containsEntry("created", 1).containsEntry("rejected", 7);

		Map<String, Object> job = queryJob(jobId(report, 0), """
				title company { name } location { city country } remote
				  salary { min max currency period annualMin source } requiredSkills { id } status
				  sources { partnerId externalId }""");
		assertThat(job).containsEntry("title", "Backend Engineer")
			.containsEntry("company", Map.of("name", "Quokka Labs GmbH"))
			.containsEntry("location", Map.of("city", "Berlin", "country", "DE"))
			.containsEntry("remote", "ONSITE")
			.containsEntry("status", "OPEN");
		assertThat(job.get("salary")).isEqualTo(Map.of("min", 60000.0, "max", 75000.0, "currency", "EUR", "period",
				"YEAR", "annualMin", 60000.0, "source", "FEED"));
		assertThat(job.get("requiredSkills").toString()).contains("java").contains("postgresql");
	}

	@Test
	void replayingABatchCreatesNothingAndAChangeIsAnUpdate() {
		String key = registerPartner("replay");
		String batch = "[" + ourJob("r-1", "Go Developer", "Replay Co", "") + ","
				+ ourJob("r-2", "Python Developer", "Replay Co", "") + "]";
		Map<String, Object> first = push(key, MediaType.APPLICATION_JSON, batch);
		assertThat(counts(first)).containsEntry("created", 2);

		Map<String, Object> replay = push(key, MediaType.APPLICATION_JSON, batch);
		assertThat(counts(replay)).containsEntry("created", 0).containsEntry("unchanged", 2);
		assertThat(jobId(replay, 0)).isEqualTo(jobId(first, 0));

		Map<String, Object> changed = push(key, MediaType.APPLICATION_JSON,
				"[" + ourJob("r-1", "Senior Go Developer", "Replay Co", "") + "]");
		assertThat(results(changed).get(0)).containsEntry("status", "UPDATED").containsEntry("jobId", jobId(first, 0));
		this.anonymous.document("query($id: ID!) { job(id: $id) { title seniority } }")
			.variable("id", jobId(first, 0))
			.execute()
			.path("job.title")
			.entity(String.class)
			.isEqualTo("Senior Go Developer")
			.path("job.seniority")
			.entity(String.class)
			.isEqualTo("SENIOR");

		Map<String, Object> listed = TestClients
			.okJson(this.http.get().uri("/partner/v1/jobs?updatedSince=2000-01-01T00:00:00Z").header("X-Api-Key", key));
		assertThat(listed.get("listings").toString()).contains("r-1").contains("r-2");

		this.http.get()
			.uri("/partner/v1/ingestions/" + first.get("ingestionId"))
			.header("X-Api-Key", key)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.counts.created")
			.isEqualTo(2)
			.jsonPath("$.results[1].externalId")
			.isEqualTo("r-2");
	}

	@Test
	void concurrentCopiesOfABatchCreateEachListingOnce() throws Exception {
		String key = registerPartner("race");
		String batch = "[" + ourJob("race-1", "Elixir Developer", "Race Co", "") + ","
				+ ourJob("race-2", "Scala Developer", "Race Co", "") + "]";
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			List<java.util.concurrent.Future<Map<String, Object>>> pushes = new java.util.ArrayList<>();
			for (int i = 0; i < 4; i++) {
				pushes.add(pool.submit(() -> push(key, MediaType.APPLICATION_JSON, batch)));
			}
			int created = 0;
			java.util.Set<Object> jobIds = new java.util.HashSet<>();
			for (java.util.concurrent.Future<Map<String, Object>> push : pushes) {
				Map<String, Object> report = push.get();
				created += (Integer) counts(report).get("created");
				results(report).forEach((r) -> jobIds.add(r.get("jobId")));
			}
			assertThat(created).isEqualTo(2);
			assertThat(jobIds).hasSize(2);
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void jsonLdPostingsSingleArrayAndGraphAreRead() {
		String key = registerPartner("ld");
		String posting = """
				{"@context": "https://schema.org", "@type": "JobPosting", "identifier": {"@type": "PropertyValue", "value": "%s"},
				 "title": "Node.js Engineer", "hiringOrganization": {"@type": "Organization", "name": "Linked Data Ltd"},
				 "jobLocation": {"@type": "Place", "address": {"addressLocality": "Austin", "addressRegion": "TX", "addressCountry": "US"}},
				 "employmentType": "FULL_TIME", "datePosted": "2026-11-01",
				 "baseSalary": {"@type": "MonetaryAmount", "currency": "USD", "value": {"@type": "QuantitativeValue", "minValue": 50, "maxValue": 60, "unitText": "HOUR"}},
				 "description": "<p>Build services with Node.js and MongoDB.</p><script>alert(1)</script>"}""";
		Map<String, Object> single = push(key, JSON_LD, posting.formatted("ld-1"));
		assertThat(results(single).get(0)).containsEntry("status", "CREATED");
		Map<String, Object> array = push(key, JSON_LD,
				"[" + posting.formatted("ld-2") + "," + posting.formatted("ld-3") + "]");
		assertThat(counts(array)).containsEntry("created", 2);
		Map<String, Object> graph = push(key, JSON_LD, "{\"@context\": \"https://schema.org\", \"@graph\": ["
				+ "{\"@type\": \"Organization\", \"name\": \"Linked Data Ltd\"}," + posting.formatted("ld-4") + "]}");
		assertThat(results(graph)).hasSize(1);
		assertThat(results(graph).get(0)).containsEntry("externalId", "ld-4").containsEntry("status", "CREATED");

		Map<String, Object> job = queryJob(jobId(single, 0), """
				location { city region country } employmentType descriptionHtml
				  salary { annualMin annualMax period } requiredSkills { id }""");
		assertThat(job.get("location")).isEqualTo(Map.of("city", "Austin", "region", "TX", "country", "US"));
		assertThat(job).containsEntry("employmentType", "FULL_TIME");
		assertThat((String) job.get("descriptionHtml")).doesNotContain("script").contains("Node.js");
		assertThat(job.get("salary")).isEqualTo(Map.of("annualMin", 104000.0, "annualMax", 124800.0, "period", "HOUR"));
		assertThat(job.get("requiredSkills").toString()).contains("nodejs").contains("mongodb");
	}

	@Test
	void indeedXmlIsReadWithParsedSalaryAndRfcDates() {
		String key = registerPartner("xml");
		String xml = """
				<?xml version="1.0" encoding="utf-8"?>
				<source><publisher>Board</publisher>
				  <job><title><![CDATA[Junior PHP Developer]]></title><date><![CDATA[Fri, 20 Nov 2026 10:00:00 GMT]]></date>
				    <referencenumber><![CDATA[x-1]]></referencenumber><url><![CDATA[https://board.example/jobs/x-1]]></url>
				    <company><![CDATA[XML Works]]></company><city>London</city><country>UK</country>
				    <description><![CDATA[<p>Laravel and MySQL. Pay: £40,000 - £50,000 per year.</p>]]></description>
				    <salary><![CDATA[£40,000 - £50,000 per year]]></salary><jobtype>fulltime</jobtype></job>
				  <job><title>No company</title><referencenumber>x-2</referencenumber><description>text</description></job>
				</source>""";
		Map<String, Object> report = push(key, MediaType.APPLICATION_XML, xml);
		assertThat(results(report)).extracting((r) -> r.get("status")).containsExactly("CREATED", "REJECTED");
		assertThat(results(report).get(1)).containsEntry("field", "company");
		Map<String, Object> job = queryJob(jobId(report, 0), """
				seniority employmentType location { country }
				  salary { min max currency period source } requiredSkills { id } postedAt sources { url }""");
		assertThat(job).containsEntry("seniority", "JUNIOR")
			.containsEntry("employmentType", "FULL_TIME")
			.containsEntry("postedAt", "2026-11-20T10:00:00Z");
		assertThat(job.get("salary"))
			.isEqualTo(Map.of("min", 40000.0, "max", 50000.0, "currency", "GBP", "period", "YEAR", "source", "PARSED"));
		assertThat(job.get("requiredSkills").toString()).contains("php").contains("laravel").contains("mysql");
	}

	@Test
	void xxeAndBillionLaughsAre400AndTheServiceStaysUp() {
		String key = registerPartner("xxe");
		String xxe = """
				<?xml version="1.0"?>
				<!DOCTYPE source [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
				<source><job><title>&xxe;</title><referencenumber>e-1</referencenumber></job></source>""";
		String laughs = """
				<?xml version="1.0"?>
				<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
				 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
				 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
				 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
				 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
				 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
				 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
				 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
				<source><job><title>&lol9;</title></job></source>""";
		for (String body : List.of(xxe, laughs)) {
			expectError(pushing(key, MediaType.APPLICATION_XML, body), 400, "BAD_USER_INPUT").jsonPath("$.detail")
				.value((detail) -> assertThat(detail.toString()).contains("DTD"));
		}
		pushing(key, MediaType.APPLICATION_XML, "<source><job><title>unclosed</source>").exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((d) -> assertThat(d.toString()).startsWith("Malformed XML"));
		assertThat(counts(push(key, MediaType.APPLICATION_JSON, ourJob("after-xxe", "Engineer", "Still Up", ""))))
			.containsEntry("created", 1);
	}

	@Test
	void badBodiesAndTypesAreClearErrorsAndStoreNothing() {
		String key = registerPartner("bad");
		expectError(pushing(key, MediaType.APPLICATION_JSON, "{\"jobs\": ["), 400, "BAD_USER_INPUT")
			.jsonPath("$.detail")
			.value((d) -> assertThat(d.toString()).startsWith("Malformed JSON"));
		expectError(pushing(key, MediaType.TEXT_PLAIN, "title: engineer"), 415, "BAD_USER_INPUT");
		expectError(pushing("spk_not-a-key", MediaType.APPLICATION_JSON, "[]"), 401, "UNAUTHENTICATED");
		this.http.get()
			.uri("/partner/v1/jobs?updatedSince=last-week")
			.header("X-Api-Key", key)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("updatedSince");
		listings(key).expectStatus().isOk().expectBody().jsonPath("$.listings").isEmpty();
	}

	@Test
	void requestsOverTheLimitsAre413WithAProblemBody() {
		String key = registerPartner("big");
		StringBuilder many = new StringBuilder("[");
		for (int i = 0; i < 51; i++) {
			many.append(i == 0 ? "" : ",").append(ourJob("m-" + i, "Engineer", "Many Jobs", ""));
		}
		expectError(pushing(key, MediaType.APPLICATION_JSON, many.append("]").toString()), 413, "PAYLOAD_TOO_LARGE")
			.jsonPath("$.maxRecords")
			.isEqualTo(50);
		StringBuilder manyXml = new StringBuilder("<source>");
		for (int i = 0; i < 51; i++) {
			manyXml.append("<job><referencenumber>m-").append(i).append("</referencenumber></job>");
		}
		pushing(key, MediaType.APPLICATION_XML, manyXml.append("</source>").toString()).exchange()
			.expectStatus()
			.isEqualTo(413);
		String huge = ourJob("huge", "Engineer", "Many Jobs", "\"salary\": \"" + "x".repeat(300 * 1024) + "\"");
		expectError(pushing(key, MediaType.APPLICATION_JSON, huge), 413, "PAYLOAD_TOO_LARGE");
		listings(key).expectBody().jsonPath("$.listings").isEmpty();
	}

	@Test
	void aPartnerSeesAndChangesOnlyItsOwnListings() {
		String alice = registerPartner("alice");
		String bob = registerPartner("bob");
		Map<String, Object> pushed = push(alice, MediaType.APPLICATION_JSON,
				ourJob("shared-id", "Ruby Developer", "Alice Corp", ""));
		expectError(this.http.delete().uri("/partner/v1/jobs/shared-id").header("X-Api-Key", bob), 404, "NOT_FOUND");
		this.http.get()
			.uri("/partner/v1/ingestions/" + pushed.get("ingestionId"))
			.header("X-Api-Key", bob)
			.exchange()
			.expectStatus()
			.isNotFound();
		listings(bob).expectBody().jsonPath("$.listings").isEmpty();
		// the same external id from another partner is that partner's own record
		Map<String, Object> bobs = push(bob, MediaType.APPLICATION_JSON,
				ourJob("shared-id", "Rust Developer", "Bob Inc", ""));
		assertThat(jobId(bobs, 0)).isNotEqualTo(jobId(pushed, 0));

		this.http.delete()
			.uri("/partner/v1/jobs/shared-id")
			.header("X-Api-Key", alice)
			.exchange()
			.expectStatus()
			.isNoContent();
		assertThat(queryJob(jobId(pushed, 0), "status")).containsEntry("status", "CLOSED");
		assertThat(queryJob(jobId(bobs, 0), "status")).containsEntry("status", "OPEN");
	}

	@Test
	void rotatingAKeyRevokesTheOldOneAndOnlyAdminsManagePartners() {
		String key = registerPartner("rotate");
		String partnerId = this.admin.document("{ partners { id activeKeyPrefixes } }")
			.execute()
			.path("partners")
			.entityList(Map.class)
			.get()
			.stream()
			.filter((p) -> key.startsWith(((List<?>) p.get("activeKeyPrefixes")).get(0).toString()))
			.map((p) -> (String) p.get("id"))
			.findFirst()
			.orElseThrow();
		String newKey = this.admin.document("mutation($id: ID!) { rotatePartnerKey(partnerId: $id) { apiKey } }")
			.variable("id", partnerId)
			.execute()
			.path("rotatePartnerKey.apiKey")
			.entity(String.class)
			.get();
		assertThat(newKey).isNotEqualTo(key).startsWith("spk_");
		listings(key).expectStatus().isUnauthorized();
		listings(newKey).expectStatus().isOk();

		assertCode(firstError(
				this.learner.document("mutation { registerPartner(input: {id: \"sneaky\", name: \"x\"}) { apiKey } }")
					.execute()),
				"FORBIDDEN");
		assertBadUserInput(firstError(
				this.admin.document("mutation { registerPartner(input: {id: \"Bad Id!\", name: \"x\"}) { apiKey } }")
					.execute()),
				"input.id");
		this.admin.document("mutation($id: ID!) { revokePartnerKeys(partnerId: $id) { activeKeyPrefixes } }")
			.variable("id", partnerId)
			.execute()
			.path("revokePartnerKeys.activeKeyPrefixes")
			.entityList(String.class)
			.hasSize(0);
		listings(newKey).expectStatus().isUnauthorized();
	}

	/** The job {@code id} with {@code fields}, asked anonymously. */
	private Map<String, Object> queryJob(String id, String fields) {
		return this.anonymous.document("query($id: ID!) { job(id: $id) { " + fields + " } }")
			.variable("id", id)
			.execute()
			.path("job")
			.entity(MAP)
			.get();
	}

	@Test
	void theOpenApiDocumentIsServed() {
		this.http.get()
			.uri("/partner/v1/openapi.yaml")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("application/yaml")
			.expectBody(String.class)
			.value((doc) -> assertThat(doc).contains("openapi: 3").contains("/partner/v1/jobs"));
	}

}
