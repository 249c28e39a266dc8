package dev.skillpath.support.testing;

import dev.skillpath.support.security.DevTokenIssuer;
import dev.skillpath.support.security.Role;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the base test class of every service shares: the service under test on Spring's
 * random port, its development token issuer, the SQL it sends, and HTTP and GraphQL
 * clients talking to it. A subclass is a {@code @SpringBootTest} of its service with
 * {@code @Import(SqlCountingConfiguration.class)}.
 */
public abstract class ServiceTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected DevTokenIssuer tokens;

	@Autowired
	protected SqlStatementCounter sql;

	protected WebTestClient http;

	/** No token: what a public roadmap page sends. */
	protected HttpGraphQlTester anonymous;

	/** A learner: signed in, with no other role. */
	protected HttpGraphQlTester learner;

	@BeforeEach
	void createHttpClients() {
		this.http = TestClients.http(baseUrl());
		this.anonymous = TestClients.graphql(baseUrl(), null);
		this.learner = as("learner-lena", Role.LEARNER);
	}

	protected String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/** A GraphQL tester for {@code subject} with {@code roles}: a learner when none. */
	protected HttpGraphQlTester as(String subject, Role... roles) {
		return TestClients.graphql(baseUrl(),
				this.tokens.issue(subject, roles.length == 0 ? new Role[] { Role.LEARNER } : roles));
	}

	/** The service's SDL as the gateway reads it for composition. */
	protected String serviceSdl() {
		return this.anonymous.document("{ _service { sdl } }")
			.execute()
			.path("_service.sdl")
			.entity(String.class)
			.get();
	}

}
