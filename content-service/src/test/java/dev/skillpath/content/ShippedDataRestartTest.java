package dev.skillpath.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.skillpath.support.app.ServiceLauncher;
import dev.skillpath.support.database.DatabaseCoordinates;
import dev.skillpath.support.security.DevTokenIssuer;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.skillpath.content.RoadmapDocumentInput.roadmap;
import static dev.skillpath.content.SkillInput.skill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped data file is applied at every start when it changed: a restart with an
 * edited file updates what the file owns and keeps what editors changed through the API;
 * a restart with the same file changes nothing. The service runs three times in a
 * database of its own.
 */
class ShippedDataRestartTest {

	private static final String STATE = """
			{
			  roadmap(id: "t-restart") { title stages { title } skillIds }
			  edited: skill(id: "t-rs-http") { name summary }
			  fileOnly: skill(id: "t-rs-basics") { name estimatedHours }
			  added: skill(id: "t-rs-new") { name requires { id } }
			  own: skill(id: "t-rs-editor-own") { name }
			  merged: skill(id: "t-rs-legacy") { id }
			  deleted: skill(id: "t-rs-doomed") { id }
			}""";

	private static final String HISTORY = "{ contentChanges(first: 200) { edges { node { actor action entityId } } } }";

	@TempDir
	Path directory;

	private final DatabaseCoordinates database = TestDatabase.get().createDatabase("restart");

	@Test
	void restartWithAnEditedFileKeepsEditorChangesAndAppliesTheRest() throws IOException {
		Path file = this.directory.resolve("restart-roadmap.json");
		write(file,
				roadmap("t-restart", "T Restart")
					.stage("Basics", skill("t-rs-basics", "T Rs Basics"),
							skill("t-rs-http", "T Rs Http").requires("t-rs-basics"))
					.stage("Building", skill("t-rs-api", "T Rs Api").requires("t-rs-http"),
							skill("t-rs-legacy", "T Rs Legacy").requires("t-rs-http"),
							skill("t-rs-doomed", "T Rs Doomed").requires("t-rs-basics")));

		try (ConfigurableApplicationContext service = start(file)) {
			HttpGraphQlTester editor = client(service, Role.EDITOR);
			editor.document(ContentServiceTest.UPSERT_SKILL)
				.variable("input",
						skill("t-rs-http", "HTTP as the editor wrote it").requires("t-rs-basics")
							.summary("The editor's summary.")
							.toMap())
				.execute()
				.path("upsertSkill.created")
				.entity(Boolean.class)
				.isEqualTo(false);
			editor.document(ContentServiceTest.UPSERT_SKILL)
				.variable("input", skill("t-rs-editor-own", "T Rs Editor Own").placement("t-restart", 2).toMap())
				.execute()
				.path("upsertSkill.created")
				.entity(Boolean.class)
				.isEqualTo(true);
			editor.document("mutation { mergeSkill(from: \"t-rs-legacy\", into: \"t-rs-api\") { skill { id } } }")
				.execute()
				.path("mergeSkill.skill.id")
				.entity(String.class)
				.isEqualTo("t-rs-api");
			editor.document("mutation { deleteSkill(id: \"t-rs-doomed\") { deletedId } }")
				.execute()
				.path("deleteSkill.deletedId")
				.entity(String.class)
				.isEqualTo("t-rs-doomed");
		}

		// the new version of the file changes the skill the editor edited and another
		// one, and adds one
		write(file,
				roadmap("t-restart", "T Restart Edited")
					.stage("Basics", skill("t-rs-basics", "T Rs Basics Edited").hours(9),
							skill("t-rs-http", "T Rs Http From The File").requires("t-rs-basics")
								.summary("The file's summary."))
					.stage("Building", skill("t-rs-api", "T Rs Api").requires("t-rs-http"),
							skill("t-rs-legacy", "T Rs Legacy Edited").requires("t-rs-http"),
							skill("t-rs-doomed", "T Rs Doomed Edited").requires("t-rs-basics"),
							skill("t-rs-new", "T Rs New").requires("t-rs-legacy", "t-rs-doomed")));

		List<Map<String, Object>> history;
		try (ConfigurableApplicationContext service = start(file)) {
			HttpGraphQlTester editor = client(service, Role.EDITOR);
			editor.document(STATE)
				.execute()
				.path("roadmap.title")
				.entity(String.class)
				.isEqualTo("T Restart Edited")
				.path("roadmap.stages[*].title")
				.entityList(String.class)
				.containsExactly("Basics", "Building")
				.path("roadmap.skillIds")
				.entityList(String.class)
				.satisfies((ids) -> assertThat(ids).containsExactlyInAnyOrder("t-rs-basics", "t-rs-http", "t-rs-api",
						"t-rs-new", "t-rs-editor-own"))
				.path("edited.name")
				.entity(String.class)
				.isEqualTo("HTTP as the editor wrote it")
				.path("edited.summary")
				.entity(String.class)
				.isEqualTo("The editor's summary.")
				.path("fileOnly.name")
				.entity(String.class)
				.isEqualTo("T Rs Basics Edited")
				.path("fileOnly.estimatedHours")
				.entity(Integer.class)
				.isEqualTo(9)
				.path("added.name")
				.entity(String.class)
				.isEqualTo("T Rs New")
				// the file still names skills an editor merged away and deleted: the
				// merge and the deletion stand
				.path("added.requires[*].id")
				.entityList(String.class)
				.containsExactly("t-rs-api")
				.path("merged.id")
				.entity(String.class)
				.isEqualTo("t-rs-api")
				.path("deleted")
				.valueIsNull()
				.path("own.name")
				.entity(String.class)
				.isEqualTo("T Rs Editor Own");
			history = history(editor);
			assertThat(history).extracting((c) -> c.get("entityId") + " " + c.get("actor"))
				.contains("t-rs-basics system:shipped-data", "t-rs-new system:shipped-data", "t-rs-http editor-eve");
			assertThat(history).filteredOn((c) -> c.get("entityId").equals("t-rs-http"))
				.extracting((c) -> c.get("actor"))
				// created from the first file, then edited; the second file left it alone
				.containsExactly("editor-eve", "system:shipped-data");
		}

		// the same file again: nothing to apply, nothing recorded
		try (ConfigurableApplicationContext service = start(file)) {
			HttpGraphQlTester editor = client(service, Role.EDITOR);
			assertThat(history(editor)).isEqualTo(history);
			editor.document(STATE)
				.execute()
				.path("edited.name")
				.entity(String.class)
				.isEqualTo("HTTP as the editor wrote it")
				.path("fileOnly.name")
				.entity(String.class)
				.isEqualTo("T Rs Basics Edited")
				.path("roadmap.skillIds")
				.entityList(String.class)
				.hasSize(5);
		}

		// a broken file stops the start, naming the file and the problem
		write(file, roadmap("t-restart", "T Restart Broken").stage("Basics",
				skill("t-rs-basics", "T Rs Basics Edited").hours(9).requires("t-rs-missing")));
		assertThatThrownBy(() -> start(file).close()).hasStackTraceContaining("restart-roadmap.json")
			.hasStackTraceContaining("unknown skill 't-rs-missing'");
	}

	private ConfigurableApplicationContext start(Path file) {
		List<String> args = new ArrayList<>();
		args.add("--server.port=0");
		this.database.springProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
		args.add("--skillpath.content.shipped-roadmaps=file:" + file.toAbsolutePath());
		return ServiceLauncher.builder(ContentServiceApplication.class, ContentServiceApplication.NAME)
			.profiles("test")
			.run(args.toArray(String[]::new));
	}

	private static HttpGraphQlTester client(ConfigurableApplicationContext service, Role role) {
		int port = ((WebServerApplicationContext) service).getWebServer().getPort();
		String token = service.getBean(DevTokenIssuer.class).issue("editor-eve", role);
		WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/graphql").build();
		return HttpGraphQlTester.create(http).mutate().header("Authorization", "Bearer " + token).build();
	}

	private static List<Map<String, Object>> history(HttpGraphQlTester editor) {
		return editor.document(HISTORY)
			.execute()
			.path("contentChanges.edges[*].node")
			.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
	}

	private static void write(Path file, RoadmapDocumentInput document) throws IOException {
		Files.writeString(file, JsonMapper.builder().build().writeValueAsString(document.toMap()));
	}

}
