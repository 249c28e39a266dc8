package dev.skillpath.content;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.ResponseError;

import static dev.skillpath.content.RoadmapDocumentInput.roadmap;
import static dev.skillpath.content.SkillInput.skill;
import static dev.skillpath.support.testing.GraphQlErrors.assertBadUserInput;
import static dev.skillpath.support.testing.GraphQlErrors.assertCode;
import static dev.skillpath.support.testing.GraphQlErrors.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deleteSkill} and {@code mergeSkill}: refused while in use, and ids stay
 * permanent.
 */
class DeleteAndMergeSkillTest extends ContentServiceTest {

	private static final String DELETE = "mutation($id: ID!) { deleteSkill(id: $id) { deletedId } }";

	private static final String MERGE = """
			mutation($from: ID!, $into: ID!) {
			  mergeSkill(from: $from, into: $into) {
			    created skill { id name aliases requires { id } unlocks { id } resources { url } }
			  }
			}""";

	@Test
	void deleteIsRefusedWhileAnotherSkillRequiresItAndAllowedOtherwise() {
		upsert(skill("t-del-base", "T Del Base"));
		upsert(skill("t-del-dependant", "T Del Dependant").requires("t-del-base"));

		ResponseError refused = onlyError(this.editor.document(DELETE).variable("id", "t-del-base").execute());
		assertBadUserInput(refused, "id", "t-del-base", "required by t-del-dependant");
		assertThat(existingSkillIds(List.of("t-del-base", "t-del-dependant"))).hasSize(2);

		this.editor.document(DELETE)
			.variable("id", "t-del-dependant")
			.execute()
			.path("deleteSkill.deletedId")
			.entity(String.class)
			.isEqualTo("t-del-dependant");
		this.editor.document(DELETE)
			.variable("id", "t-del-base")
			.execute()
			.path("deleteSkill.deletedId")
			.entity(String.class)
			.isEqualTo("t-del-base");
		assertThat(existingSkillIds(List.of("t-del-base", "t-del-dependant"))).isEmpty();
		assertThat(changes("t-del-base")).first().isEqualTo("DELETE");
	}

	@Test
	void deleteIsRefusedWhileTheSkillIsAChoiceOfOthers() {
		upsert(skill("t-del-choice", "T Del Choice"));
		upsert(skill("t-del-option", "T Del Option").alternativeOf("t-del-choice"));
		ResponseError refused = onlyError(this.editor.document(DELETE).variable("id", "t-del-choice").execute());
		assertBadUserInput(refused, "id", "t-del-choice", "t-del-option");
		assertThat(existingSkillIds(List.of("t-del-choice"))).hasSize(1);
	}

	@Test
	void deletedSkillLeavesItsRoadmap() {
		importRoadmap(roadmap("t-del-roadmap", "T Del Roadmap").stage("One", skill("t-del-placed", "T Del Placed"),
				skill("t-del-stays", "T Del Stays")));
		this.editor.document(DELETE).variable("id", "t-del-placed").execute().path("deleteSkill.deletedId").hasValue();
		this.anonymous.document("{ roadmap(id: \"t-del-roadmap\") { skillIds } }")
			.execute()
			.path("roadmap.skillIds")
			.entityList(String.class)
			.containsExactly("t-del-stays");
	}

	@Test
	void deletingAnUnknownSkillIsNotFound() {
		ResponseError error = onlyError(this.editor.document(DELETE).variable("id", "t-del-never").execute());
		assertCode(error, "NOT_FOUND");
		assertThat(error.getMessage()).contains("t-del-never");
	}

	@Test
	void mergeMovesLinksAndTheOldIdKeepsResolving() {
		importRoadmap(roadmap("t-merge-roadmap", "T Merge Roadmap")
			.stage("Basics", skill("t-m-pre", "T Merge Pre"), skill("t-m-new", "T Merge New").aliases("tmn"))
			.stage("More",
					skill("t-m-old", "T Merge Old").requires("t-m-pre")
						.aliases("tmo")
						.resource("Old course", "https://old.example.org/course", "COURSE", false))
			.stage("Later", skill("t-m-dependant", "T Merge Dependant").requires("t-m-old")));

		this.editor.document(MERGE)
			.variable("from", "t-m-old")
			.variable("into", "t-m-new")
			.execute()
			.path("mergeSkill.created")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("mergeSkill.skill.id")
			.entity(String.class)
			.isEqualTo("t-m-new")
			.path("mergeSkill.skill.name")
			.entity(String.class)
			.isEqualTo("T Merge New")
			// the old name becomes an alias, next to the aliases of both skills
			.path("mergeSkill.skill.aliases")
			.entityList(String.class)
			.containsExactly("tmn", "T Merge Old", "tmo")
			.path("mergeSkill.skill.requires[*].id")
			.entityList(String.class)
			.containsExactly("t-m-pre")
			.path("mergeSkill.skill.unlocks[*].id")
			.entityList(String.class)
			.containsExactly("t-m-dependant")
			.path("mergeSkill.skill.resources[*].url")
			.entityList(String.class)
			.containsExactly("https://docs.example.org/t-m-new", "https://docs.example.org/t-m-old",
					"https://old.example.org/course");

		this.anonymous.document("""
				{ old: skill(id: "t-m-old") { id name }
				  dependant: skill(id: "t-m-dependant") { requires { id } }
				  roadmap(id: "t-merge-roadmap") { skillIds } }""")
			.execute()
			.path("old.id")
			.entity(String.class)
			.isEqualTo("t-m-new")
			.path("old.name")
			.entity(String.class)
			.isEqualTo("T Merge New")
			.path("dependant.requires[*].id")
			.entityList(String.class)
			.containsExactly("t-m-new")
			.path("roadmap.skillIds")
			.entityList(String.class)
			.containsExactly("t-m-pre", "t-m-new", "t-m-dependant");

		this.anonymous.document("query($r: [_Any!]!) { _entities(representations: $r) { ... on Skill { id } } }")
			.variable("r", List.of(FederationTest.skill("t-m-old"), FederationTest.skill("t-m-new")))
			.execute()
			.path("_entities[*].id")
			.entityList(String.class)
			.containsExactly("t-m-new", "t-m-new");

		this.anonymous.document("{ searchSkills(text: \"t merge old\") { skill { id } matchedOn } }")
			.execute()
			.path("searchSkills[0].skill.id")
			.entity(String.class)
			.isEqualTo("t-m-new")
			.path("searchSkills[0].matchedOn")
			.entity(String.class)
			.isEqualTo("ALIAS");
		assertThat(changes("t-m-old")).first().isEqualTo("MERGE");
	}

	@Test
	void mergedIdCannotBeTakenByANewSkillAndChainsOfMergesResolve() {
		upsert(skill("t-mc-a", "T Mc A"), skill("t-mc-b", "T Mc B"), skill("t-mc-c", "T Mc C"));
		merge("t-mc-a", "t-mc-b");
		merge("t-mc-b", "t-mc-c");
		this.anonymous.document("{ a: skill(id: \"t-mc-a\") { id } b: skill(id: \"t-mc-b\") { id } }")
			.execute()
			.path("a.id")
			.entity(String.class)
			.isEqualTo("t-mc-c")
			.path("b.id")
			.entity(String.class)
			.isEqualTo("t-mc-c");

		ResponseError reuse = onlyError(upserting(skill("t-mc-a", "T Mc A Again")));
		assertBadUserInput(reuse, "id", "t-mc-a", "merged");
		this.anonymous.document("{ skill(id: \"t-mc-a\") { id } }")
			.execute()
			.path("skill.id")
			.entity(String.class)
			.isEqualTo("t-mc-c");
	}

	@Test
	void mergeIntoItselfOrAnUnknownSkillIsRefused() {
		upsert(skill("t-mself", "T Mself"));
		assertBadUserInput(
				onlyError(
						this.editor.document(MERGE).variable("from", "t-mself").variable("into", "t-mself").execute()),
				"into", "itself");
		ResponseError unknown = onlyError(
				this.editor.document(MERGE).variable("from", "t-mself").variable("into", "t-mself-nowhere").execute());
		assertCode(unknown, "NOT_FOUND");
		assertThat(unknown.getMessage()).contains("t-mself-nowhere");
		this.anonymous.document("{ skill(id: \"t-mself\") { id } }")
			.execute()
			.path("skill.id")
			.entity(String.class)
			.isEqualTo("t-mself");
	}

	private void merge(String from, String into) {
		this.editor.document(MERGE)
			.variable("from", from)
			.variable("into", into)
			.execute()
			.path("mergeSkill.skill.id")
			.entity(String.class)
			.isEqualTo(into);
	}

	/** Actions recorded for {@code entityId}, newest first. */
	private List<String> changes(String entityId) {
		return this.editor.document("query($id: ID!) { contentChanges(entityId: $id) { edges { node { action } } } }")
			.variable("id", entityId)
			.execute()
			.path("contentChanges.edges[*].node.action")
			.entityList(String.class)
			.get();
	}

}
