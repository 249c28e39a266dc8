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

import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.ResponseError;

import static dev.skillpath.content.RoadmapDocumentInput.roadmap;
import static dev.skillpath.content.SkillInput.skill;
import static dev.skillpath.support.testing.GraphQlErrors.assertBadUserInput;
import static dev.skillpath.support.testing.GraphQlErrors.assertCode;
import static dev.skillpath.support.testing.GraphQlErrors.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code upsertSkill}: create, update (renaming keeps the id), placement, and every
 * validation error, each answered with BAD_USER_INPUT naming the item and field, with
 * nothing stored.
 */
class UpsertSkillTest extends ContentServiceTest {

	@Test
	void createsThenUpdatesASkillAndRenamingKeepsItsId() {
		upserting(skill("t-up-create", "T Up Original").aliases("tuo")).path("upsertSkill.created")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("upsertSkill.skill.name")
			.entity(String.class)
			.isEqualTo("T Up Original")
			.path("upsertSkill.skill.aliases")
			.entityList(String.class)
			.containsExactly("tuo");

		upserting(skill("t-up-create", "T Up Renamed").aliases("tuo", "renamed one").requires("http"))
			.path("upsertSkill.created")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("upsertSkill.skill.id")
			.entity(String.class)
			.isEqualTo("t-up-create")
			.path("upsertSkill.skill.name")
			.entity(String.class)
			.isEqualTo("T Up Renamed")
			.path("upsertSkill.skill.requires[*].id")
			.entityList(String.class)
			.containsExactly("http");

		this.anonymous.document("{ skill(id: \"t-up-create\") { name aliases requires { id } } }")
			.execute()
			.path("skill.name")
			.entity(String.class)
			.isEqualTo("T Up Renamed")
			.path("skill.aliases")
			.entityList(String.class)
			.containsExactly("tuo", "renamed one");
		this.anonymous.document("{ skill(id: \"http\") { unlocks { id } } }")
			.execute()
			.path("skill.unlocks[*].id")
			.entityList(String.class)
			.contains("t-up-create");
		assertThat(historyCount("t-up-create")).isEqualTo(2);
	}

	@Test
	void upsertingTheSameContentAgainChangesNothing() {
		SkillInput input = skill("t-up-same", "T Up Same");
		upsert(input);
		int before = historyCount("t-up-same");
		upserting(input).path("upsertSkill.created").entity(Boolean.class).isEqualTo(false);
		assertThat(historyCount("t-up-same")).isEqualTo(before);
	}

	/**
	 * New skills each refused for one field; nothing of them is stored (see
	 * {@link #refusedNew}).
	 */
	static Stream<Arguments> invalidNewSkills() {
		return Stream.of(
				invalid("an unknown prerequisite",
						skill("t-v-unknown-req", "T V Unknown Req").requires("http", "t-v-nowhere"), "requires",
						"t-v-unknown-req", "unknown skill 't-v-nowhere'"),
				invalid("an unknown choice", skill("t-v-choice", "T V Choice").alternativeOf("t-v-no-choice"),
						"alternativeOf", "t-v-choice", "unknown skill 't-v-no-choice'"),
				invalid("a requirement of itself", skill("t-v-self", "T V Self").requires("t-v-self"), "requires",
						"t-v-self", "cannot require itself"),
				invalid("an alias equal to another skill's name", skill("t-al-name", "T Al Name").aliases("POSTGRÉSQL"),
						"aliases", "t-al-name", "is the name of skill 'postgresql'"),
				invalid("the name of another skill", skill("t-v-name", "postgresql"), "name", "t-v-name",
						"already used by skill 'postgresql'"),
				invalid("an alias of another skill as name", skill("t-v-name", "Postgres"), "name", "t-v-name",
						"already an alias of skill 'postgresql'"),
				invalid("a resource URL that is none",
						SkillInput.bare("t-v-url", "T V Url").resource("Bad", "not a url", "DOCS", true),
						"resources[0].url", "t-v-url", "not a valid URL"),
				invalid("a resource URL not over https",
						skill("t-v-url", "T V Url").resource("Ftp", "ftp://files.example.org/x", "DOCS", true),
						"resources[1].url", "t-v-url", "https://"),
				invalid("a resource URL without a host name",
						skill("t-v-url", "T V Url").resource("No host", "https://localhost/x", "DOCS", true),
						"resources[1].url", "t-v-url", "no host name"),
				invalid("an id with capitals and spaces", skill("T_Bad Id", "T Bad Id"), "id", "T_Bad Id",
						"not a valid id"),
				invalid("an id with a double hyphen", skill("t--double-hyphen", "T Double Hyphen"), "id",
						"t--double-hyphen", "not a valid id"),
				invalid("zero estimated hours", skill("t-v-hours", "T V Hours").hours(0), "estimatedHours", "t-v-hours",
						"between 1 and 10000"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidNewSkills")
	void aNewSkillWithAnInvalidFieldIsRefused(String invalid, SkillInput input, String field, String[] messageParts) {
		refusedNew(input, field, messageParts);
	}

	@Test
	void prerequisiteCycleIsRefusedWithItsPath() {
		upsert(skill("t-cyc-a", "T Cyc A"));
		upsert(skill("t-cyc-b", "T Cyc B").requires("t-cyc-a"));
		upsert(skill("t-cyc-c", "T Cyc C").requires("t-cyc-b"));

		ResponseError twoStep = onlyError(upserting(skill("t-cyc-a", "T Cyc A").requires("t-cyc-b")));
		assertBadUserInput(twoStep, "requires", "t-cyc-a -> t-cyc-b -> t-cyc-a");

		ResponseError threeStep = onlyError(upserting(skill("t-cyc-a", "T Cyc A").requires("t-cyc-c")));
		assertBadUserInput(threeStep, "requires", "t-cyc-a -> t-cyc-c -> t-cyc-b -> t-cyc-a");

		this.anonymous.document("{ skill(id: \"t-cyc-a\") { requires { id } } }")
			.execute()
			.path("skill.requires")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(historyCount("t-cyc-a")).isEqualTo(1);
	}

	@Test
	void aliasUsedByAnotherSkillIsRefused() {
		upsert(skill("t-al-owner", "T Al Owner").aliases("Zanzibar Kit"));
		// case and accents do not make an alias different
		refusedNew(skill("t-al-thief", "T Al Thief").aliases("ZANZÍBAR  kit"), "aliases", "t-al-thief",
				"is already used by skill 't-al-owner'");
		refusedNew(skill("t-al-thief", "T Al Thief").aliases("Postgres"), "aliases", "t-al-thief",
				"is already used by skill 'postgresql'");
	}

	@Test
	void refusedUpdateLeavesTheStoredSkillAsItWas() {
		upsert(skill("t-v-keep", "T V Keep").hours(7));
		ResponseError error = onlyError(upserting(skill("t-v-keep", "T V Keep Renamed").hours(0)));
		assertBadUserInput(error, "estimatedHours", "t-v-keep");
		this.anonymous.document("{ skill(id: \"t-v-keep\") { name estimatedHours } }")
			.execute()
			.path("skill.name")
			.entity(String.class)
			.isEqualTo("T V Keep")
			.path("skill.estimatedHours")
			.entity(Integer.class)
			.isEqualTo(7);
		assertThat(historyCount("t-v-keep")).isEqualTo(1);
	}

	@Test
	void unknownCategoryIsBadUserInput() {
		Map<String, Object> input = skill("t-v-category", "T V Category").category("NOT_A_CATEGORY").toMap();
		ResponseError error = onlyError(this.editor.document(UPSERT_SKILL).variable("input", input).execute());
		assertCode(error, "BAD_USER_INPUT");
		assertThat(error.getMessage()).contains("NOT_A_CATEGORY");
		assertThat(existingSkillIds(List.of("t-v-category"))).isEmpty();
	}

	@Test
	void placementPutsTheSkillAtTheEndOfTheStageAndCanMoveIt() {
		importRoadmap(roadmap("t-place", "T Place").stage("One", skill("t-place-first", "T Place First"))
			.stage("Two", skill("t-place-second", "T Place Second")));

		upsert(skill("t-place-new", "T Place New").placement("t-place", 2));
		assertThat(stageSkills("t-place")).containsExactly(List.of("t-place-first"),
				List.of("t-place-second", "t-place-new"));

		upsert(skill("t-place-new", "T Place New").placement("t-place", 1));
		assertThat(stageSkills("t-place")).containsExactly(List.of("t-place-first", "t-place-new"),
				List.of("t-place-second"));

		// without a placement, a placed skill keeps its place
		upsert(skill("t-place-new", "T Place New Renamed"));
		assertThat(stageSkills("t-place")).containsExactly(List.of("t-place-first", "t-place-new"),
				List.of("t-place-second"));
	}

	@Test
	void placementIntoAMissingStageOrRoadmapIsRefused() {
		importRoadmap(roadmap("t-place-bad", "T Place Bad").stage("One", skill("t-place-bad-one", "T Place Bad One")));
		refusedNew(skill("t-place-x", "T Place X").placement("t-place-bad", 2), "placement.stage", "t-place-x",
				"stages 1 to 1, not 2");
		refusedNew(skill("t-place-x", "T Place X").placement("t-place-bad", 0), "placement.stage", "t-place-x",
				"not 0");
		refusedNew(skill("t-place-x", "T Place X").placement("t-no-such-roadmap", 1), "placement.roadmapId",
				"t-place-x", "unknown roadmap 't-no-such-roadmap'");
		assertThat(stageSkills("t-place-bad")).containsExactly(List.of("t-place-bad-one"));
	}

	/**
	 * Two editors add opposite prerequisites at the same moment. Each edit alone is fine;
	 * together they make a cycle. Validation runs on a snapshot read under the content
	 * lock, so the second edit sees the first and is refused: the stored graph never has
	 * the cycle.
	 */
	@Test
	void concurrentEditsCannotStoreACycleBetweenThem() {
		for (int round = 0; round < 3; round++) {
			String a = "t-race-" + round + "-a";
			String b = "t-race-" + round + "-b";
			upsert(skill(a, "T Race " + round + " A"), skill(b, "T Race " + round + " B"));
			List<GraphQlResponse> responses = Mono
				.zip(upsertLater(skill(a, "T Race " + round + " A").requires(b)),
						upsertLater(skill(b, "T Race " + round + " B").requires(a)), List::of)
				.block();
			assertThat(responses).filteredOn(GraphQlResponse::isValid).as("accepted edits").hasSize(1);
			assertThat(responses).filteredOn((r) -> !r.isValid()).singleElement().satisfies((refused) -> {
				ResponseError error = refused.getErrors().get(0);
				assertBadUserInput(error, "requires", "prerequisite cycle");
			});
			List<String> requires = new ArrayList<>();
			requires.addAll(requiredIds(a));
			requires.addAll(requiredIds(b));
			assertThat(requires).hasSize(1);
		}
	}

	private Mono<GraphQlResponse> upsertLater(SkillInput input) {
		return Mono.fromCallable(() -> upserting(input).returnResponse()).subscribeOn(Schedulers.boundedElastic());
	}

	private List<String> requiredIds(String id) {
		return this.anonymous.document("query($id: ID!) { skill(id: $id) { requires { id } } }")
			.variable("id", id)
			.execute()
			.path("skill.requires[*].id")
			.entityList(String.class)
			.get();
	}

	/**
	 * Sends {@code input}, expects it refused for {@code field}, and checks nothing was
	 * stored.
	 */
	private void refusedNew(SkillInput input, String field, String... messageParts) {
		ResponseError error = onlyError(upserting(input));
		assertBadUserInput(error, field, messageParts);
		assertThat(error.getExtensions()).containsEntry("item", "skill '" + input.id() + "'");
		assertThat(existingSkillIds(List.of(input.id()))).as("stored after a refused upsert").isEmpty();
		assertThat(historyCount(input.id())).as("history after a refused upsert").isZero();
	}

	private static Arguments invalid(String what, SkillInput input, String field, String... messageParts) {
		return Arguments.of(what, input, field, messageParts);
	}

	private List<List<String>> stageSkills(String roadmapId) {
		return this.anonymous.document("query($id: ID!) { roadmap(id: $id) { stages { skills { id } } } }")
			.variable("id", roadmapId)
			.execute()
			.path("roadmap.stages")
			.entityList(
					new org.springframework.core.ParameterizedTypeReference<Map<String, List<Map<String, String>>>>() {
					})
			.get()
			.stream()
			.map((stage) -> stage.get("skills").stream().map((s) -> s.get("id")).toList())
			.toList();
	}

}
