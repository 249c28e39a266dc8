package dev.skillpath.content;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.ServiceTest;
import dev.skillpath.support.testing.SqlCountingConfiguration;
import dev.skillpath.support.testing.UsesTestDatabase;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.ActiveProfiles;

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
public abstract class ContentServiceTest extends ServiceTest {

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

	/** An editor of the roadmap. */
	protected HttpGraphQlTester editor;

	@BeforeEach
	void createEditorClient() {
		this.editor = as("editor-eve", Role.EDITOR);
	}

	/** Sends {@code upsertSkill} of {@code skill} as the editor. */
	protected GraphQlTester.Response upserting(SkillInput skill) {
		return this.editor.document(UPSERT_SKILL).variable("input", skill.toMap()).execute();
	}

	/** Sends {@code importRoadmap} of {@code document} as the editor. */
	protected GraphQlTester.Response importing(RoadmapDocumentInput document) {
		return this.editor.document(IMPORT_ROADMAP).variable("document", document.toMap()).execute();
	}

	/** Creates or replaces skills as the editor, failing the test on any error. */
	protected void upsert(SkillInput... skills) {
		for (SkillInput skill : skills) {
			upserting(skill).path("upsertSkill.skill.id").entity(String.class).isEqualTo(skill.id());
		}
	}

	/**
	 * Imports a document as the editor, failing the test on any error; answers the
	 * roadmap's skill ids.
	 */
	protected List<String> importRoadmap(RoadmapDocumentInput document) {
		return importing(document).path("importRoadmap.roadmap.skillIds").entityList(String.class).get();
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

}
