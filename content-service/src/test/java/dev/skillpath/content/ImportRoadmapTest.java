package dev.skillpath.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.graphql.ResponseError;

import static dev.skillpath.content.RoadmapDocumentInput.roadmap;
import static dev.skillpath.content.SkillInput.skill;
import static dev.skillpath.support.testing.GraphQlErrors.assertBadUserInput;
import static dev.skillpath.support.testing.GraphQlErrors.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code importRoadmap}: all or nothing, with every refusal naming the item, and safe
 * when concurrent.
 */
class ImportRoadmapTest extends ContentServiceTest {

	@Test
	void importsANewRoadmapAndReimportingItChangesNothing() {
		RoadmapDocumentInput document = roadmap("t-imp-ok", "T Import Ok")
			.stage("Start", skill("t-imp-ok-a", "T Imp Ok A"), skill("t-imp-ok-b", "T Imp Ok B").requires("t-imp-ok-a"))
			.stage("Next", skill("t-imp-ok-c", "T Imp Ok C").requires("t-imp-ok-b", "http"));
		importing(document).path("importRoadmap.roadmap.id")
			.entity(String.class)
			.isEqualTo("t-imp-ok")
			.path("importRoadmap.roadmap.skillIds")
			.entityList(String.class)
			.containsExactly("t-imp-ok-a", "t-imp-ok-b", "t-imp-ok-c")
			.path("importRoadmap.skillsCreated")
			.entity(Integer.class)
			.isEqualTo(3)
			.path("importRoadmap.skillsUpdated")
			.entity(Integer.class)
			.isEqualTo(0)
			.path("importRoadmap.skillsUnchanged")
			.entity(Integer.class)
			.isEqualTo(0);
		int history = historyCount("t-imp-ok-a");

		importing(document).path("importRoadmap.skillsCreated")
			.entity(Integer.class)
			.isEqualTo(0)
			.path("importRoadmap.skillsUnchanged")
			.entity(Integer.class)
			.isEqualTo(3);
		assertThat(historyCount("t-imp-ok-a")).isEqualTo(history);

		RoadmapDocumentInput changed = roadmap("t-imp-ok", "T Import Ok")
			.stage("Start", skill("t-imp-ok-a", "T Imp Ok A Renamed"),
					skill("t-imp-ok-b", "T Imp Ok B").requires("t-imp-ok-a"))
			.stage("Next", skill("t-imp-ok-c", "T Imp Ok C").requires("t-imp-ok-b", "http"));
		importing(changed).path("importRoadmap.skillsUpdated")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("importRoadmap.skillsUnchanged")
			.entity(Integer.class)
			.isEqualTo(2);
		this.anonymous.document("{ skill(id: \"t-imp-ok-a\") { name } }")
			.execute()
			.path("skill.name")
			.entity(String.class)
			.isEqualTo("T Imp Ok A Renamed");
	}

	@Test
	void reimportReplacesTheStages() {
		importRoadmap(roadmap("t-imp-restage", "T Restage").stage("One", skill("t-rs-a", "T Rs A"))
			.stage("Two", skill("t-rs-b", "T Rs B"))
			.stage("Three", skill("t-rs-c", "T Rs C")));
		importRoadmap(roadmap("t-imp-restage", "T Restage Again").stage("Only", skill("t-rs-c", "T Rs C"),
				skill("t-rs-a", "T Rs A")));
		this.anonymous.document("{ roadmap(id: \"t-imp-restage\") { title stages { title skills { id } } skillIds } }")
			.execute()
			.path("roadmap.title")
			.entity(String.class)
			.isEqualTo("T Restage Again")
			.path("roadmap.stages[*].title")
			.entityList(String.class)
			.containsExactly("Only")
			.path("roadmap.skillIds")
			.entityList(String.class)
			.containsExactly("t-rs-c", "t-rs-a");
	}

	@Test
	void oneBadSkillInALargeDocumentStoresNothing() {
		List<SkillInput> skills = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			skills.add(skill("t-aon-" + i, "T Aon " + i)
				.requires(i == 0 ? new String[0] : new String[] { "t-aon-" + (i - 1) }));
		}
		skills.get(7).resource("Broken", "htp:/broken", "VIDEO", true);
		RoadmapDocumentInput document = roadmap("t-aon", "T All Or Nothing")
			.stage("First half", all(skills.subList(0, 6)))
			.stage("Second half", all(skills.subList(6, 12)));

		ResponseError error = refusedImport(document);
		assertBadUserInput(error, "resources[1].url", "skills[7] 't-aon-7'", "htp:/broken");
		assertThat(error.getExtensions()).containsEntry("item", "skills[7] 't-aon-7'");
		assertNothingStored("t-aon", skills);
	}

	/** Documents with one mistake each, refused whole: nothing of them is stored. */
	static Stream<Arguments> documentsWithAMistake() {
		List<SkillInput> unknownRequirement = List.of(skill("t-aon-req-1", "T Aon Req One"),
				skill("t-aon-req-2", "T Aon Req Two").requires("t-aon-req-1", "t-aon-req-missing"),
				skill("t-aon-req-3", "T Aon Req Three"));
		List<SkillInput> cycle = List.of(skill("t-aon-cyc-1", "T Aon Cyc One").requires("t-aon-cyc-3"),
				skill("t-aon-cyc-2", "T Aon Cyc Two").requires("t-aon-cyc-1"),
				skill("t-aon-cyc-3", "T Aon Cyc Three").requires("t-aon-cyc-2"));
		List<SkillInput> duplicate = List.of(skill("t-dup-1", "T Dup One"), skill("t-dup-2", "T Dup Two"));
		List<SkillInput> staged = List.of(skill("t-stage-1", "T Stage One"));
		return Stream.of(
				mistake("an unknown prerequisite",
						roadmap("t-aon-req", "T Aon Req").stage("All", all(unknownRequirement)), unknownRequirement,
						"requires", "t-aon-req-2", "unknown skill 't-aon-req-missing'"),
				mistake("a prerequisite cycle, named by its path",
						roadmap("t-aon-cyc", "T Aon Cyc").stage("All", all(cycle)), cycle, "requires",
						"prerequisite cycle", "t-aon-cyc-1 -> t-aon-cyc-3 -> t-aon-cyc-2 -> t-aon-cyc-1"),
				mistake("a duplicate id",
						roadmap("t-dup", "T Dup").stage("All", all(duplicate))
							.unplaced(skill("t-dup-1", "T Dup One Again")),
						duplicate, "id", "skills[2] 't-dup-1'", "duplicate id 't-dup-1'"),
				mistake("a stage with an unknown skill",
						roadmap("t-stage", "T Stage").stage("All", all(staged)).stageOfIds("Ghosts", "t-stage-ghost"),
						staged, "skills", "stage 2 of roadmap 't-stage'", "unknown skill 't-stage-ghost'"),
				mistake("a stage repeating a skill of another",
						roadmap("t-stage", "T Stage").stage("All", all(staged)).stageOfIds("Again", "t-stage-1"),
						staged, "skills", "stage 2 of roadmap 't-stage'", "already in stage 1"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("documentsWithAMistake")
	void aDocumentWithAMistakeIsRefusedAndStoresNothing(String mistake, RoadmapDocumentInput document,
			List<SkillInput> skills, String field, String[] messageParts) {
		assertBadUserInput(refusedImport(document), field, messageParts);
		assertNothingStored(document.roadmapId(), skills);
	}

	@Test
	void careerFactWithoutSourceOrWithABadUrlIsRefused() {
		List<SkillInput> skills = List.of(skill("t-fact-skill", "T Fact Skill"));
		RoadmapDocumentInput noSource = roadmap("t-fact", "T Fact").stage("All", all(skills))
			.careerFacts(List.of(Map.of("id", "t-fact-one", "statement", "Backend developers earn 1 dollar.", "figure",
					1, "source", "  ")));
		assertBadUserInput(refusedImport(noSource), "source", "careerFacts[0]", "needs its source");
		RoadmapDocumentInput badUrl = roadmap("t-fact", "T Fact").stage("All", all(skills))
			.careerFacts(List.of(Map.of("id", "t-fact-one", "statement", "Backend developers earn 1 dollar.", "source",
					"A survey", "sourceUrl", "survey.example.org")));
		assertBadUserInput(refusedImport(badUrl), "sourceUrl", "careerFacts[0]", "not a valid URL");
		assertNothingStored("t-fact", skills);
		// the shipped career facts are still there
		this.anonymous.document("{ careerFacts { id } }")
			.execute()
			.path("careerFacts[*].id")
			.entityList(String.class)
			.contains("entry-salary")
			.doesNotContain("t-fact-one");
	}

	@Test
	void refusedReimportLeavesTheRoadmapAsItWas() {
		importRoadmap(roadmap("t-aon-keep", "T Keep").stage("One", skill("t-keep-a", "T Keep A"),
				skill("t-keep-b", "T Keep B")));
		RoadmapDocumentInput bad = roadmap("t-aon-keep", "T Keep Changed")
			.stage("New one", skill("t-keep-a", "T Keep A Changed"))
			.stage("New two", skill("t-keep-b", "T Keep B").hours(0));
		assertBadUserInput(refusedImport(bad), "estimatedHours", "t-keep-b");
		this.anonymous.document(
				"{ roadmap(id: \"t-aon-keep\") { title stages { title } skillIds } skill(id: \"t-keep-a\") { name } }")
			.execute()
			.path("roadmap.title")
			.entity(String.class)
			.isEqualTo("T Keep")
			.path("roadmap.stages[*].title")
			.entityList(String.class)
			.containsExactly("One")
			.path("roadmap.skillIds")
			.entityList(String.class)
			.containsExactly("t-keep-a", "t-keep-b")
			.path("skill.name")
			.entity(String.class)
			.isEqualTo("T Keep A");
	}

	/**
	 * Two editors import different documents for the same new roadmap at the same moment:
	 * the content lock makes one wait for the other, so the roadmap ends as exactly one
	 * of the two, with the stages, skills and the shared skill's version of that
	 * document.
	 */
	@Test
	void concurrentImportsLeaveExactlyOneCompleteDocument() {
		for (int round = 0; round < 3; round++) {
			String roadmapId = "t-conc-" + round;
			String shared = "t-conc-" + round + "-shared";
			RoadmapDocumentInput first = roadmap(roadmapId, "T Concurrent First " + round)
				.stage("A1", skill(shared, "T Conc " + round + " Shared As First"),
						skill(roadmapId + "-a1", "T Conc " + round + " A1"))
				.stage("A2", skill(roadmapId + "-a2", "T Conc " + round + " A2").requires(shared));
			RoadmapDocumentInput second = roadmap(roadmapId, "T Concurrent Second " + round)
				.stage("B1", skill(roadmapId + "-b1", "T Conc " + round + " B1"))
				.stage("B2", skill(roadmapId + "-b2", "T Conc " + round + " B2"))
				.stage("B3", skill(shared, "T Conc " + round + " Shared As Second")
					.summary("The second document's version."));

			List<String> answered = Mono.zip(importLater(first), importLater(second), List::of).block();
			assertThat(answered).containsOnly(roadmapId);

			Map<String, Object> state = this.anonymous.document("""
					query($id: ID!, $shared: ID!) {
					  roadmap(id: $id) { title stages { title } skillIds }
					  skill(id: $shared) { name }
					}""").variable("id", roadmapId).variable("shared", shared).execute().returnResponse().getData();
			Map<String, Object> roadmap = cast(state.get("roadmap"));
			List<String> stageTitles = this.<List<Map<String, Object>>>cast(roadmap.get("stages"))
				.stream()
				.map((s) -> (String) s.get("title"))
				.toList();
			String sharedName = (String) this.<Map<String, Object>>cast(state.get("skill")).get("name");
			if (roadmap.get("title").equals("T Concurrent First " + round)) {
				assertThat(stageTitles).containsExactly("A1", "A2");
				assertThat(roadmap.get("skillIds")).isEqualTo(List.of(shared, roadmapId + "-a1", roadmapId + "-a2"));
				assertThat(sharedName).isEqualTo("T Conc " + round + " Shared As First");
			}
			else {
				assertThat(roadmap.get("title")).isEqualTo("T Concurrent Second " + round);
				assertThat(stageTitles).containsExactly("B1", "B2", "B3");
				assertThat(roadmap.get("skillIds")).isEqualTo(List.of(roadmapId + "-b1", roadmapId + "-b2", shared));
				assertThat(sharedName).isEqualTo("T Conc " + round + " Shared As Second");
			}
		}
	}

	/**
	 * An import that starts when subscribed, on its own thread, answering the roadmap id.
	 */
	private Mono<String> importLater(RoadmapDocumentInput document) {
		return Mono.fromCallable(() -> importing(document).path("importRoadmap.roadmap.id").entity(String.class).get())
			.subscribeOn(Schedulers.boundedElastic());
	}

	private static Arguments mistake(String mistake, RoadmapDocumentInput document, List<SkillInput> skills,
			String field, String... messageParts) {
		return Arguments.of(mistake, document, skills, field, messageParts);
	}

	private static SkillInput[] all(List<SkillInput> skills) {
		return skills.toArray(SkillInput[]::new);
	}

	/**
	 * Imports {@code document} as the editor; answers the one error it is refused with.
	 */
	private ResponseError refusedImport(RoadmapDocumentInput document) {
		return onlyError(importing(document));
	}

	private void assertNothingStored(String roadmapId, List<SkillInput> skills) {
		List<String> ids = skills.stream().map(SkillInput::id).toList();
		assertThat(existingSkillIds(ids)).as("skills stored by a refused import").isEmpty();
		this.anonymous.document("query($id: ID!) { roadmap(id: $id) { id } }")
			.variable("id", roadmapId)
			.execute()
			.path("roadmap")
			.valueIsNull();
		assertThat(historyCount(roadmapId)).isZero();
		ids.forEach((id) -> assertThat(historyCount(id)).as("history of %s", id).isZero());
	}

	@SuppressWarnings("unchecked")
	private <T> T cast(Object value) {
		return (T) value;
	}

}
