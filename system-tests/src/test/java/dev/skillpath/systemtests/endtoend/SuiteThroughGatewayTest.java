package dev.skillpath.systemtests.endtoend;

import java.util.Map;

import dev.skillpath.gateway.GatewayApplication;
import dev.skillpath.support.security.Role;
import dev.skillpath.systemtests.SuiteGatewayTest;
import dev.skillpath.systemtests.SuiteServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite end to end: the gateway in front of the real content and progress services,
 * each on its own real PostgreSQL database, all talking HTTP. One schema, one endpoint,
 * per role.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.NAME, "skillpath.gateway.poll-interval=1s",
				SuiteServices.GATEWAY_EXCLUSIONS })
@ActiveProfiles("test")
class SuiteThroughGatewayTest extends SuiteGatewayTest {

	WebTestClient http;

	@DynamicPropertySource
	static void subgraphs(DynamicPropertyRegistry registry) {
		SuiteServices.register(registry);
	}

	@BeforeEach
	void awaitGateway() {
		this.http = gateway();
		awaitSupergraph();
	}

	@Test
	void anonymousVisitorsBrowseTheRoadmapWithPersonalFieldsNull() {
		graphql(null).document("""
				{ roadmap(id: "backend") { title myCompletion { percent } skills { id name myProgress { status } } } }
				""")
			.execute()
			.errors()
			.verify()
			.path("roadmap.title")
			.entity(String.class)
			.isEqualTo("Backend Developer")
			.path("roadmap.myCompletion")
			.valueIsNull()
			.path("roadmap.skills[0].myProgress")
			.valueIsNull()
			.path("roadmap.skills")
			.entityList(Object.class)
			.satisfies((skills) -> assertThat(skills).hasSizeGreaterThanOrEqualTo(60));
	}

	@Test
	void aLearnersProgressShowsAcrossBothSubgraphs() {
		HttpGraphQlTester learner = graphql("gw-learner-1", Role.LEARNER);
		learner.document("""
				mutation { setSkillStatus(input: { skillId: "internet", status: DONE, clientMutationId: "gw-1" }) {
				  progress { status } } }
				""")
			.execute()
			.errors()
			.verify()
			.path("setSkillStatus.progress.status")
			.entity(String.class)
			.isEqualTo("DONE");

		learner.document("""
				{ me { completedSkillIds streak { current } }
				  roadmap(id: "backend") { myCompletion { done total percent } }
				  skill(id: "internet") { name myProgress { status } unlocks { id } } }
				""")
			.execute()
			.errors()
			.verify()
			.path("me.completedSkillIds")
			.entityList(String.class)
			.containsExactly("internet")
			.path("me.streak.current")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("roadmap.myCompletion.done")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("skill.name")
			.entity(String.class)
			.isEqualTo("How the internet works")
			.path("skill.myProgress.status")
			.entity(String.class)
			.isEqualTo("DONE");
	}

	@Test
	void editorsEditThroughTheGatewayAndTheServicesStillCheckRoles() {
		createSkill("gw-editor",
				"""
						mutation { upsertSkill(input: { id: "gw-htmx", name: "htmx via gateway", category: FRAMEWORK,
						  summary: "Hypermedia.", requires: ["http"], estimatedHours: 4,
						  resources: [{ title: "htmx docs", url: "https://htmx.org/docs/", kind: DOCS, free: true }] }) { created } }
						""");
		graphql("gw-learner-2", Role.LEARNER).document("mutation { deleteSkill(id: \"gw-htmx\") { deletedId } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")
					.containsEntry("service", "content");
				assertThat(error.getPath()).isEqualTo("deleteSkill");
			}));
	}

	static final String SIGNATURE = """
			query Signature($first: Int) { me { streak { current } completedSkillIds
			       matchingJobs(first: $first) { edges { score node { title company { name }
			         salary { min max currency }
			         requiredSkills { name myProgress { status } } } } } } }
			""";

	/**
	 * The signature query of docs/architecture.md, across all three services: an admin
	 * registers a partner, the partner pushes listings through the gateway's partner
	 * route, a learner records progress, and the query costs the same subgraph calls for
	 * 20 jobs as for 100.
	 */
	@Test
	void theSignatureQueryCrossesEveryServiceWithAFixedNumberOfCalls() {
		String apiKey = registerPartner("gw-admin", "gw-board", "Gateway Board");
		StringBuilder jobsJson = new StringBuilder("{\"jobs\": [");
		for (int i = 0; i < 120; i++) {
			jobsJson.append(i == 0 ? "" : ",").append("""
					{"externalId": "gw-%d", "title": "Backend Engineer %d", "company": "Company %d",
					 "location": "Berlin, Germany", "description": "<p>APIs in Java and SQL.</p>",
					 "salary": {"min": 60000, "max": 80000, "currency": "EUR", "period": "YEAR"},
					 "skills": ["Java", "SQL"]}""".formatted(i, i, i % 7));
		}
		jobsJson.append("]}");
		pushListings(apiKey, jobsJson.toString(), 120);

		HttpGraphQlTester learner = graphql("gw-signature", Role.LEARNER);
		for (String skill : java.util.List.of("java", "sql")) {
			learner.document(
					"mutation($s: ID!) { setSkillStatus(input: { skillId: $s, status: DONE }) { progress { status } } }")
				.variable("s", skill)
				.execute()
				.errors()
				.verify();
		}
		var twenty = learner.document(SIGNATURE).variable("first", 20).execute();
		twenty.errors()
			.verify()
			.path("me.completedSkillIds")
			.entityList(String.class)
			.contains("java", "sql")
			.hasSize(2)
			.path("me.matchingJobs.edges")
			.entityList(Object.class)
			.hasSize(20)
			.path("me.matchingJobs.edges[0].node.requiredSkills[*].myProgress.status")
			.entityList(String.class)
			.satisfies((statuses) -> assertThat(statuses).isNotEmpty().containsOnly("DONE"))
			.path("me.matchingJobs.edges[0].node.salary.currency")
			.entity(String.class)
			.isEqualTo("EUR");
		int callsForTwenty = twenty.path("$.extensions.subgraphCalls").entity(Integer.class).get();
		// jobs-service pages at most 100; the router test covers 200 over fixture
		// subgraphs
		var hundred = learner.document(SIGNATURE).variable("first", 100).execute();
		hundred.errors().verify().path("me.matchingJobs.edges").entityList(Object.class).hasSize(100);
		int callsForAHundred = hundred.path("$.extensions.subgraphCalls").entity(Integer.class).get();
		// progress (me), jobs (matchingJobs), then content (names) and progress
		// (myProgress) in parallel
		assertThat(callsForTwenty).isEqualTo(4).isEqualTo(callsForAHundred);

		graphql(null).document(SIGNATURE)
			.variable("first", 20)
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")))
			.path("me")
			.valueIsNull();
		assertNoCompletedSkills(graphql("gw-editor-2", Role.EDITOR).document(SIGNATURE).variable("first", 5));
	}

	@Test
	void anInvalidTokenIsRefusedAtTheGateway() {
		this.http.post()
			.uri("/graphql")
			.header("Authorization", "Bearer not-a-token")
			.bodyValue(Map.of("query", "{ roadmaps { id } }"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void mutationsAreRefusedOverGet() {
		this.http.get()
			.uri((uri) -> uri.path("/graphql")
				.queryParam("query", "mutation { deleteMyData { deletedStatements } }")
				.build())
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectBody(Void.class);
	}

}
