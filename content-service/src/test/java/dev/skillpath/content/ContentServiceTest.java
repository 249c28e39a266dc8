package dev.skillpath.content;

import dev.skillpath.support.security.DevTokenIssuer;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.SqlCountingConfiguration;
import dev.skillpath.support.testing.SqlStatementCounter;
import dev.skillpath.support.testing.UsesTestDatabase;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of content-service tests: the real service on a random port, a real PostgreSQL (see
 * {@code TestDatabase}), and one GraphQL client per role talking HTTP to it. The shipped roadmap
 * is loaded; tests that write use ids of their own so they do not disturb each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=" + ContentServiceApplication.NAME)
@ActiveProfiles("test")
@UsesTestDatabase
@Import(SqlCountingConfiguration.class)
public abstract class ContentServiceTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected DevTokenIssuer tokens;

	@Autowired
	protected SqlStatementCounter sql;

	/** No token: what a public roadmap page sends. */
	protected HttpGraphQlTester anonymous;

	/** A learner: signed in, but may not edit. */
	protected HttpGraphQlTester learner;

	/** An editor of the roadmap. */
	protected HttpGraphQlTester editor;

	protected WebTestClient http;

	@BeforeEach
	void createClients() {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(java.time.Duration.ofSeconds(30))
			.build();
		WebTestClient graphql = this.http.mutate().baseUrl("http://localhost:" + this.port + "/graphql").build();
		this.anonymous = HttpGraphQlTester.create(graphql);
		this.learner = withToken(graphql, this.tokens.issue("learner-lena", Role.LEARNER));
		this.editor = withToken(graphql, this.tokens.issue("editor-eve", Role.EDITOR));
	}

	private static HttpGraphQlTester withToken(WebTestClient client, String token) {
		return HttpGraphQlTester.create(client).mutate().header("Authorization", "Bearer " + token).build();
	}

}
