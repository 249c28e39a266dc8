package dev.skillpath.systemtests;

import java.time.Duration;

import dev.skillpath.support.security.DevTokenIssuer;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.Actuator;
import dev.skillpath.support.testing.TestClients;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the tests of a gateway in front of the {@link SuiteServices} share: the gateway
 * Spring starts on a random port, clients of it, tokens, and waiting for its supergraph.
 * A subclass is a {@code @SpringBootTest} of the gateway and registers the suite with its
 * own {@code @DynamicPropertySource} calling {@link SuiteServices#register}: the context
 * cache keys on those methods, so each test class keeps a gateway of its own (and its own
 * rate-limit windows), as the browser tests share one through their base class.
 */
public abstract class SuiteGatewayTest {

	@LocalServerPort
	protected int port;

	/** Absent in the prod profile. */
	@Autowired
	protected ObjectProvider<DevTokenIssuer> tokens;

	public String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/** A client of the gateway under test. */
	public WebTestClient gateway() {
		return TestClients.http(baseUrl());
	}

	/** A token the gateway and the services accept, from the development issuer. */
	public String token(String subject, Role... roles) {
		return this.tokens.getObject().issue(subject, roles);
	}

	/** A GraphQL tester on the gateway; a null subject is an anonymous caller. */
	public HttpGraphQlTester graphql(String subject, Role... roles) {
		return TestClients.graphql(baseUrl(), subject == null ? null : token(subject, roles));
	}

	/** How many skills the shipped backend roadmap has, asked through the gateway. */
	public int backendSkillCount() {
		return graphql(null).document("{ roadmap(id: \"backend\") { skillIds } }")
			.execute()
			.path("roadmap.skillIds")
			.entityList(String.class)
			.get()
			.size();
	}

	/** Waits until the gateway has composed the supergraph from the three services. */
	public void awaitSupergraph() {
		Actuator.awaitReady(gateway(), Duration.ofSeconds(60));
	}

	/**
	 * Asserts that {@code request}, a query of {@code me { completedSkillIds }}, answers
	 * without errors and with no skill completed.
	 */
	public static void assertNoCompletedSkills(GraphQlTester.Request<?> request) {
		request.execute().errors().verify().path("me.completedSkillIds").entityList(String.class).hasSize(0);
	}

	/** Creates a skill through the gateway as editor {@code subject}: an upsertSkill. */
	public void createSkill(String subject, String upsertSkill) {
		graphql(subject, Role.EDITOR).document(upsertSkill)
			.execute()
			.errors()
			.verify()
			.path("upsertSkill.created")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

	/**
	 * Registers a partner through the gateway as ADMIN {@code admin}; answers its API
	 * key.
	 */
	public String registerPartner(String admin, String id, String name) {
		return graphql(admin, Role.ADMIN).document(
				"mutation($id: ID!, $name: String!) { registerPartner(input: { id: $id, name: $name }) { apiKey } }")
			.variable("id", id)
			.variable("name", name)
			.execute()
			.errors()
			.verify()
			.path("registerPartner.apiKey")
			.entity(String.class)
			.get();
	}

	/**
	 * Pushes listings (a JSON body of our format) through the gateway's partner route,
	 * expecting {@code created} of them to be new.
	 */
	public void pushListings(String apiKey, String json, int created) {
		gateway().post()
			.uri("/partner/v1/jobs")
			.header("X-Api-Key", apiKey)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange()
			.expectStatus()
			.is2xxSuccessful()
			.expectBody()
			.jsonPath("$.counts.created")
			.isEqualTo(created);
	}

}
