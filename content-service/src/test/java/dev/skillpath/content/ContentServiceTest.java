package dev.skillpath.content;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.skillpath.support.security.DevTokenIssuer;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.SqlCountingConfiguration;
import dev.skillpath.support.testing.SqlStatementCounter;
import dev.skillpath.support.testing.TestClients;
import dev.skillpath.support.testing.UsesTestDatabase;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of content-service tests: the real service on a random port, a real PostgreSQL
 * (see {@code TestDatabase}), and one GraphQL client per role talking HTTP to it. The
 * shipped roadmap is loaded; tests that write use ids of their own so they do not disturb
 * each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=" + ContentServiceApplication.NAME)
@ActiveProfiles("test")
@UsesTestDatabase
@Import(SqlCountingConfiguration.class)
public abstract class ContentServiceTest {

	protected static final String UPSERT_SKILL = """
			mutation($input: SkillInput!) {
			  upsertSkill(input: $input) { created skill { id name aliases requires { id } } }
			}""";

	protected static final String IMPORT_ROADMAP = """
			mutation($document: RoadmapDocumentInput!) {
			  importRoadmap(document: $document) {
			    roadmap { id title skillIds } skillsCreated skillsUpdated skillsUnchanged
			  }
			}""";

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
		String baseUrl = "http://localhost:" + this.port;
		this.http = TestClients.http(baseUrl);
		this.anonymous = TestClients.graphql(baseUrl, null);
		this.learner = TestClients.graphql(baseUrl, this.tokens.issue("learner-lena", Role.LEARNER));
		this.editor = TestClients.graphql(baseUrl, this.tokens.issue("editor-eve", Role.EDITOR));
	}

	/** Creates or replaces skills as the editor, failing the test on any error. */
	protected void upsert(SkillInput... skills) {
		for (SkillInput skill : skills) {
			this.editor.document(UPSERT_SKILL)
				.variable("input", skill.toMap())
				.execute()
				.path("upsertSkill.skill.id")
				.entity(String.class)
				.isEqualTo(skill.id());
		}
	}

	/**
	 * Imports a document as the editor, failing the test on any error; answers the
	 * roadmap's skill ids.
	 */
	protected List<String> importRoadmap(RoadmapDocumentInput document) {
		return this.editor.document(IMPORT_ROADMAP)
			.variable("document", document.toMap())
			.execute()
			.path("importRoadmap.roadmap.skillIds")
			.entityList(String.class)
			.get();
	}

	/**
	 * Which of {@code ids} name a stored skill (or a merged skill's old id), in one
	 * query.
	 */
	protected List<String> existingSkillIds(Collection<String> ids) {
		StringBuilder query = new StringBuilder("{");
		List<String> asked = List.copyOf(ids);
		for (int i = 0; i < asked.size(); i++) {
			query.append(" s").append(i).append(": skill(id: \"").append(asked.get(i)).append("\") { id }");
		}
		GraphQlTester.Response response = this.anonymous.document(query.append(" }").toString()).execute();
		response.errors().verify();
		Map<String, Object> data = response.returnResponse().getData();
		return java.util.stream.IntStream.range(0, asked.size())
			.filter((i) -> data.get("s" + i) != null)
			.mapToObj(asked::get)
			.toList();
	}

	/** How many history entries name {@code entityId}. */
	protected int historyCount(String entityId) {
		return this.editor
			.document("query($id: ID!) { contentChanges(entityId: $id, first: 200) { edges { cursor } } }")
			.variable("id", entityId)
			.execute()
			.path("contentChanges.edges")
			.entityList(Object.class)
			.get()
			.size();
	}

	/** The one error of a response (which must have exactly one). */
	protected static ResponseError onlyError(GraphQlTester.Response response) {
		AtomicReference<ResponseError> error = new AtomicReference<>();
		response.errors().satisfy((errors) -> {
			assertThat(errors).as("errors").hasSize(1);
			error.set(errors.get(0));
		});
		return error.get();
	}

	/**
	 * Asserts a {@code BAD_USER_INPUT} error that names {@code field} in its extensions
	 * and contains each of {@code parts} in its message.
	 */
	protected static void assertBadUserInput(ResponseError error, String field, String... parts) {
		assertThat(error.getExtensions()).as("extensions of %s", error.getMessage())
			.containsEntry("code", "BAD_USER_INPUT")
			.containsEntry("field", field);
		assertThat(error.getMessage()).contains(parts);
	}

	protected static void assertCode(ResponseError error, String code) {
		assertThat(error.getExtensions()).as("extensions of %s", error.getMessage()).containsEntry("code", code);
	}

}
