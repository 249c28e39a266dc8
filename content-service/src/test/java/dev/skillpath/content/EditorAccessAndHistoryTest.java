package dev.skillpath.content;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.skillpath.support.security.Role;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static dev.skillpath.content.RoadmapDocumentInput.roadmap;
import static dev.skillpath.content.SkillInput.skill;
import static dev.skillpath.support.testing.GraphQlErrors.assertBadUserInput;
import static dev.skillpath.support.testing.GraphQlErrors.assertCode;
import static dev.skillpath.support.testing.GraphQlErrors.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may edit and read the history: mutations need EDITOR, the history EDITOR or ADMIN;
 * a bad token is refused at the HTTP level with a GraphQL body. A refused caller changes
 * nothing.
 */
class EditorAccessAndHistoryTest extends ContentServiceTest {

	private static final String CHANGES = """
			query($id: ID, $first: Int, $after: String) {
			  contentChanges(entityId: $id, first: $first, after: $after) {
			    edges { cursor node { id changedAt actor action entityType entityId summary } }
			    pageInfo { hasNextPage endCursor }
			  }
			}""";

	@Test
	void everyMutationNeedsASignedInEditor() {
		upsert(skill("t-auth-existing", "T Auth Existing"), skill("t-auth-other", "T Auth Other"));
		Map<String, Map<String, Object>> mutations = Map
			.of("mutation($v: SkillInput!) { upsertSkill(input: $v) { created } }",
					Map.of("v", skill("t-auth-new", "T Auth New").toMap()),
					"mutation($v: ID!) { deleteSkill(id: $v) { deletedId } }", Map.of("v", "t-auth-existing"),
					"mutation($v: ID!) { mergeSkill(from: $v, into: \"t-auth-other\") { created } }",
					Map.of("v", "t-auth-existing"),
					"mutation($v: RoadmapDocumentInput!) { importRoadmap(document: $v) { skillsCreated } }",
					Map.of("v",
							roadmap("t-auth-roadmap", "T Auth")
								.stage("One", skill("t-auth-imported", "T Auth Imported"))
								.toMap()));
		mutations.forEach((mutation, variables) -> {
			assertCode(onlyError(this.anonymous.document(mutation).variables(variables).execute()), "UNAUTHENTICATED");
			assertCode(onlyError(this.learner.document(mutation).variables(variables).execute()), "FORBIDDEN");
		});
		assertThat(existingSkillIds(List.of("t-auth-new", "t-auth-imported"))).isEmpty();
		this.anonymous
			.document("{ existing: skill(id: \"t-auth-existing\") { id } roadmap(id: \"t-auth-roadmap\") { id } }")
			.execute()
			.path("existing.id")
			.entity(String.class)
			.isEqualTo("t-auth-existing")
			.path("roadmap")
			.valueIsNull();
		assertThat(historyCount("t-auth-existing")).isEqualTo(1);
	}

	@Test
	void invalidBearerTokenIsRefusedWithHttp401AndAGraphQlError() {
		for (String token : List.of("not-a-jwt",
				this.tokens.issue("editor-expired", List.of(Role.EDITOR), Duration.ofMinutes(-5)))) {
			this.http.post()
				.uri("/graphql")
				.header("Authorization", "Bearer " + token)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("query", "mutation($v: SkillInput!) { upsertSkill(input: $v) { created } }",
						"variables", Map.of("v", skill("t-auth-badtoken", "T Auth Bad Token").toMap())))
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.UNAUTHORIZED)
				.expectBody()
				.jsonPath("$.errors[0].extensions.code")
				.isEqualTo("UNAUTHENTICATED")
				.jsonPath("$.errors[0].message")
				.value(String.class, (m) -> assertThat(m).startsWith("Invalid bearer token"))
				.jsonPath("$.data")
				.doesNotExist();
		}
		assertThat(existingSkillIds(List.of("t-auth-badtoken"))).isEmpty();
	}

	@Test
	void editorSeesWhoChangedWhatAndWhenNewestFirst() {
		Instant before = Instant.now().minusSeconds(5);
		upsert(skill("t-hist", "T Hist"));
		upsert(skill("t-hist", "T Hist Renamed"));
		List<Map<String, Object>> changes = this.editor.document(CHANGES)
			.variable("id", "t-hist")
			.execute()
			.path("contentChanges.edges[*].node")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		assertThat(changes).extracting((c) -> c.get("action")).containsExactly("UPDATE", "CREATE");
		assertThat(changes).allSatisfy((change) -> {
			assertThat(change).containsEntry("actor", "editor-eve")
				.containsEntry("entityType", "Skill")
				.containsEntry("entityId", "t-hist");
			assertThat(Instant.parse((String) change.get("changedAt"))).isBetween(before, Instant.now().plusSeconds(5));
		});
		assertThat((String) changes.get(0).get("summary")).contains("T Hist Renamed");
		assertThat(Long.parseLong((String) changes.get(0).get("id")))
			.isGreaterThan(Long.parseLong((String) changes.get(1).get("id")));
	}

	@Test
	void historyPagesWithCursorsAndAdminsMayReadIt() {
		upsert(skill("t-hist-pages", "T Hist Pages 1"));
		upsert(skill("t-hist-pages", "T Hist Pages 2"));
		upsert(skill("t-hist-pages", "T Hist Pages 3"));
		HttpGraphQlTester admin = this.editor.mutate()
			.header("Authorization", "Bearer " + this.tokens.issue("admin-ada", Role.ADMIN))
			.build();
		String cursor = admin.document(CHANGES)
			.variable("id", "t-hist-pages")
			.variable("first", 2)
			.execute()
			.path("contentChanges.edges[*].node.summary")
			.entityList(String.class)
			.containsExactly("Updated T Hist Pages 3", "Updated T Hist Pages 2")
			.path("contentChanges.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("contentChanges.pageInfo.endCursor")
			.entity(String.class)
			.get();
		admin.document(CHANGES)
			.variable("id", "t-hist-pages")
			.variable("first", 2)
			.variable("after", cursor)
			.execute()
			.path("contentChanges.edges[*].node.summary")
			.entityList(String.class)
			.containsExactly("Created T Hist Pages 1")
			.path("contentChanges.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(false);
	}

	@Test
	void historyIsForEditorsAndAdminsOnly() {
		assertCode(onlyError(this.anonymous.document(CHANGES).execute()), "UNAUTHENTICATED");
		ResponseError forbidden = onlyError(this.learner.document(CHANGES).execute());
		assertCode(forbidden, "FORBIDDEN");
		assertThat(forbidden.getMessage()).contains("EDITOR");
	}

	@Test
	void historyRefusesAForeignCursor() {
		String skillsCursor = this.anonymous.document("{ skills(first: 1) { pageInfo { endCursor } } }")
			.execute()
			.path("skills.pageInfo.endCursor")
			.entity(String.class)
			.get();
		assertBadUserInput(onlyError(this.editor.document(CHANGES).variable("after", skillsCursor).execute()), "after",
				"Not a cursor");
	}

	@Test
	void readsArePublic() {
		this.anonymous.document("{ roadmaps { id } careerFacts { id } skill(id: \"java\") { name } }")
			.execute()
			.path("skill.name")
			.entity(String.class)
			.isEqualTo("Java");
	}

}
