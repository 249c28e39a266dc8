package dev.skillpath.content;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.ResponseError;

import static dev.skillpath.content.RoadmapDocumentInput.roadmap;
import static dev.skillpath.content.SkillInput.bare;
import static dev.skillpath.content.SkillInput.skill;
import static dev.skillpath.support.testing.GraphQlErrors.assertBadUserInput;
import static dev.skillpath.support.testing.GraphQlErrors.assertCode;
import static dev.skillpath.support.testing.GraphQlErrors.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code skill}, {@code skills}, {@code searchSkills}, {@code learningPath} and
 * {@code careerFacts}.
 */
class SkillQueriesTest extends ContentServiceTest {

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	@Test
	void skillAnswersEveryRelationOfAShippedSkill() {
		this.anonymous.document("""
				{ skill(id: "postgresql") { id name category aliases requires { id } alternativeOf { id }
				  unlocks { id } estimatedHours updatedAt resources(freeOnly: true) { url free } } }""")
			.execute()
			.path("skill.name")
			.entity(String.class)
			.isEqualTo("PostgreSQL")
			.path("skill.category")
			.entity(String.class)
			.isEqualTo("DATABASE")
			.path("skill.aliases")
			.entityList(String.class)
			.contains("postgres")
			.path("skill.requires[*].id")
			.entityList(String.class)
			.contains("sql")
			.path("skill.alternativeOf.id")
			.entity(String.class)
			.isEqualTo("relational-database")
			.path("skill.resources")
			.entityList(Object.class)
			.satisfies((list) -> assertThat(list).hasSizeGreaterThanOrEqualTo(2))
			.path("skill.resources[*].free")
			.entityList(Boolean.class)
			.satisfies((free) -> assertThat(free).containsOnly(true));
	}

	@Test
	void skillAnswersRequiresUnlocksChoicesResourcesAndAliases() {
		upsert(skill("t-sq-base", "T Sq Base"), skill("t-sq-choice", "T Sq Choice"));
		upsert(bare("t-sq-alpha", "T Sq Alpha").requires("t-sq-base")
			.alternativeOf("t-sq-choice")
			.aliases("Alpha Thing", "alfa")
			.hours(12)
			.resource("Paid course", "https://paid.example.org/alpha", "COURSE", false)
			.resource("Free docs", "https://free.example.org/alpha", "DOCS", true));
		upsert(skill("t-sq-beta", "T Sq Beta").alternativeOf("t-sq-choice").requires("t-sq-base"));

		this.anonymous.document("""
				{ skill(id: "t-sq-alpha") { id name aliases estimatedHours requires { id } alternativeOf { id }
				  all: resources { title url kind free } free: resources(freeOnly: true) { title } } }""")
			.execute()
			.path("skill.aliases")
			.entityList(String.class)
			.containsExactly("Alpha Thing", "alfa")
			.path("skill.estimatedHours")
			.entity(Integer.class)
			.isEqualTo(12)
			.path("skill.requires[*].id")
			.entityList(String.class)
			.containsExactly("t-sq-base")
			.path("skill.alternativeOf.id")
			.entity(String.class)
			.isEqualTo("t-sq-choice")
			.path("skill.all[*].title")
			.entityList(String.class)
			.containsExactly("Paid course", "Free docs")
			.path("skill.all[0].kind")
			.entity(String.class)
			.isEqualTo("COURSE")
			.path("skill.all[0].free")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("skill.free[*].title")
			.entityList(String.class)
			.containsExactly("Free docs");
		this.anonymous.document("""
				{ base: skill(id: "t-sq-base") { unlocks { id } alternativeOf { id } }
				  choice: skill(id: "t-sq-choice") { alternatives { id } } }""")
			.execute()
			.path("base.unlocks[*].id")
			.entityList(String.class)
			.containsExactly("t-sq-alpha", "t-sq-beta")
			.path("base.alternativeOf")
			.valueIsNull()
			.path("choice.alternatives[*].id")
			.entityList(String.class)
			.containsExactly("t-sq-alpha", "t-sq-beta");
	}

	@Test
	void unknownSkillIsNullWithoutError() {
		this.anonymous.document("{ skill(id: \"t-no-such-skill\") { id } }").execute().path("skill").valueIsNull();
	}

	@Test
	void skillsFiltersByRoadmapCategoryAndFreeResources() {
		importRoadmap(roadmap("t-filter", "T Filter").stage("Only stage",
				skill("t-f-free-db", "T F Free Db").category("DATABASE"),
				bare("t-f-paid-db", "T F Paid Db").category("DATABASE")
					.resource("Paid", "https://paid.example.org/db", "BOOK", false),
				bare("t-f-none", "T F None").category("TOOLING"),
				skill("t-f-free-tool", "T F Free Tool").category("TOOLING")));

		assertThat(skillIds("{ roadmapId: \"t-filter\" }")).containsExactly("t-f-free-db", "t-f-free-tool", "t-f-none",
				"t-f-paid-db");
		assertThat(skillIds("{ roadmapId: \"t-filter\", category: DATABASE }")).containsExactly("t-f-free-db",
				"t-f-paid-db");
		assertThat(skillIds("{ roadmapId: \"t-filter\", hasFreeResources: true }")).containsExactly("t-f-free-db",
				"t-f-free-tool");
		assertThat(skillIds("{ roadmapId: \"t-filter\", category: DATABASE, hasFreeResources: true }"))
			.containsExactly("t-f-free-db");
		this.anonymous
			.document("{ skills(filter: { roadmapId: \"t-filter\", hasFreeResources: true }) { totalCount } }")
			.execute()
			.path("skills.totalCount")
			.entity(Integer.class)
			.isEqualTo(2);
	}

	@Test
	void skillsOfOneCategoryAreAllOfThatCategory() {
		List<String> categories = this.anonymous
			.document("{ skills(filter: { category: DATABASE }, first: 100) { edges { node { category } } } }")
			.execute()
			.path("skills.edges[*].node.category")
			.entityList(String.class)
			.get();
		assertThat(categories).isNotEmpty().containsOnly("DATABASE");
	}

	@Test
	void relayPagingWalksEverySkillOfTheRoadmapOnce() {
		List<String> roadmapSkills = this.anonymous.document("{ roadmap(id: \"backend\") { skillIds } }")
			.execute()
			.path("roadmap.skillIds")
			.entityList(String.class)
			.get();
		List<String> seen = new ArrayList<>();
		String after = null;
		int pages = 0;
		boolean hasNext = true;
		while (hasNext) {
			Map<String, Object> page = this.anonymous.document("""
					query($after: String) {
					  skills(filter: { roadmapId: "backend" }, first: 25, after: $after) {
					    totalCount edges { cursor node { id } }
					    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
					  }
					}""").variable("after", after).execute().path("skills").entity(OBJECT).get();
			assertThat(page.get("totalCount")).isEqualTo(roadmapSkills.size());
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> edges = (List<Map<String, Object>>) page.get("edges");
			@SuppressWarnings("unchecked")
			Map<String, Object> info = (Map<String, Object>) page.get("pageInfo");
			assertThat(info.get("hasPreviousPage")).isEqualTo(pages > 0);
			assertThat(info.get("startCursor")).isEqualTo(edges.get(0).get("cursor"));
			assertThat(info.get("endCursor")).isEqualTo(edges.get(edges.size() - 1).get("cursor"));
			for (Map<String, Object> edge : edges) {
				@SuppressWarnings("unchecked")
				Map<String, Object> node = (Map<String, Object>) edge.get("node");
				seen.add((String) node.get("id"));
			}
			hasNext = (Boolean) info.get("hasNextPage");
			assertThat(edges).hasSize(hasNext ? 25 : roadmapSkills.size() - 25 * pages);
			after = (String) info.get("endCursor");
			pages++;
		}
		assertThat(pages).isEqualTo((roadmapSkills.size() + 24) / 25);
		assertThat(seen).isSorted().doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(roadmapSkills);
	}

	@Test
	void badCursorOrPageSizeIsBadUserInput() {
		ResponseError garbage = refused("{ skills(after: \"%%not-a-cursor\") { totalCount } }");
		assertBadUserInput(garbage, "after", "Not a cursor");
		// a cursor of another list (the content history) is refused too
		String historyCursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("change:12".getBytes());
		assertBadUserInput(onlyError(this.anonymous.document("query($a: String) { skills(after: $a) { totalCount } }")
			.variable("a", historyCursor)
			.execute()), "after", historyCursor);
		assertBadUserInput(refused("{ skills(first: -1) { totalCount } }"), "first", "-1");
		assertBadUserInput(refused("{ skills(first: 101) { totalCount } }"), "first", "101");
	}

	@Test
	void searchIgnoresCaseAndAccents() {
		List<String> ids = searchIds("POSTGRÉS");
		assertThat(ids).first().isEqualTo("postgresql");
		assertThat(searchIds("pOsTgReSqL")).first().isEqualTo("postgresql");
		this.anonymous.document("{ searchSkills(text: \"  Postgres \") { skill { id } matchedOn matchedText } }")
			.execute()
			.path("searchSkills[0].matchedOn")
			.entity(String.class)
			.isEqualTo("ALIAS")
			.path("searchSkills[0].matchedText")
			.entity(String.class)
			.isEqualTo("postgres");
	}

	@Test
	void searchRanksExactNameBeforePrefixBeforeWordBeforeSubstring() {
		upsert(skill("t-rank-substring", "Antzorkian"), skill("t-rank-word", "Mega Tzork Lib"),
				skill("t-rank-prefix", "Tzorkable"), skill("t-rank-exact", "Tzork"));
		List<Map<String, Object>> matches = this.anonymous
			.document("{ searchSkills(text: \"TZÖRK\") { skill { id } matchedOn score } }")
			.execute()
			.path("searchSkills")
			.entityList(OBJECT)
			.get();
		assertThat(matches).extracting((m) -> (String) ((Map<?, ?>) m.get("skill")).get("id"))
			.containsExactly("t-rank-exact", "t-rank-prefix", "t-rank-word", "t-rank-substring");
		assertThat(matches).extracting((m) -> ((Number) m.get("score")).doubleValue())
			.isSortedAccordingTo(java.util.Comparator.reverseOrder());
	}

	@Test
	void searchMatchesAliasesAndHonoursFirst() {
		upsert(skill("t-alias-search", "T Alias Search").aliases("Quuxfield Engine"));
		this.anonymous
			.document("{ searchSkills(text: \"quuxfield\", first: 1) { skill { id } matchedOn matchedText } }")
			.execute()
			.path("searchSkills")
			.entityList(Object.class)
			.hasSize(1)
			.path("searchSkills[0].skill.id")
			.entity(String.class)
			.isEqualTo("t-alias-search")
			.path("searchSkills[0].matchedOn")
			.entity(String.class)
			.isEqualTo("ALIAS")
			.path("searchSkills[0].matchedText")
			.entity(String.class)
			.isEqualTo("Quuxfield Engine");
	}

	@Test
	void blankSearchIsBadUserInput() {
		assertBadUserInput(refused("{ searchSkills(text: \"   \") { score } }"), "text", "blank");
		assertBadUserInput(refused("{ searchSkills(text: \"\") { score } }"), "text", "blank");
	}

	@Test
	void searchLimitsAreBadUserInput() {
		assertBadUserInput(refused("{ searchSkills(text: \"java\", first: 51) { score } }"), "first", "51");
		assertBadUserInput(onlyError(this.anonymous.document("query($t: String!) { searchSkills(text: $t) { score } }")
			.variable("t", "x".repeat(101))
			.execute()), "text", "100 characters");
		// pattern characters are plain text, not wildcards
		this.anonymous.document("{ searchSkills(text: \"%_\") { skill { id } } }")
			.execute()
			.path("searchSkills")
			.entityList(Object.class)
			.hasSize(0);
	}

	@Test
	void learningPathPutsEveryPrerequisiteFirstAndEndsWithTheTarget() {
		List<Map<String, Object>> path = this.anonymous
			.document("{ learningPath(to: \"spring-boot\") { id requires { id } } }")
			.execute()
			.path("learningPath")
			.entityList(OBJECT)
			.get();
		List<String> ids = path.stream().map((s) -> (String) s.get("id")).toList();
		assertThat(ids).doesNotHaveDuplicates()
			.contains("java", "programming-basics", "apis")
			.last()
			.isEqualTo("spring-boot");
		Set<String> learned = new HashSet<>();
		for (Map<String, Object> skill : path) {
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> requires = (List<Map<String, Object>>) skill.get("requires");
			for (Map<String, Object> required : requires) {
				assertThat(learned).as("prerequisites of %s", skill.get("id")).contains((String) required.get("id"));
			}
			learned.add((String) skill.get("id"));
		}
	}

	@Test
	void learningPathOfOwnChainIsInDependencyOrder() {
		upsert(skill("t-lp-1", "T Lp One").hours(50));
		upsert(skill("t-lp-2", "T Lp Two").requires("t-lp-1").hours(1));
		upsert(skill("t-lp-side", "T Lp Side").hours(2));
		upsert(skill("t-lp-3", "T Lp Three").requires("t-lp-2", "t-lp-side"));
		this.anonymous.document("{ learningPath(to: \"t-lp-3\") { id } }")
			.execute()
			.path("learningPath[*].id")
			// t-lp-side is quicker than t-lp-1, so it comes first among the skills with
			// nothing left to learn
			.entityList(String.class)
			.containsExactly("t-lp-side", "t-lp-1", "t-lp-2", "t-lp-3");
	}

	@Test
	void learningPathOfUnknownSkillIsNotFound() {
		ResponseError error = refused("{ learningPath(to: \"t-nowhere\") { id } }");
		assertCode(error, "NOT_FOUND");
		assertThat(error.getMessage()).contains("t-nowhere");
	}

	@Test
	void careerFactsCarryTheSeedFiguresWithTheirSource() {
		List<Map<String, Object>> facts = this.anonymous.document("{ careerFacts { id statement figure unit source } }")
			.execute()
			.path("careerFacts")
			.entityList(OBJECT)
			.get();
		assertThat(facts).extracting((f) -> f.get("figure") == null ? null : ((Number) f.get("figure")).doubleValue())
			.contains(61042.0, 95000.0, 113687.0, 8.0, 13400.0, 40.39, 31.62, 59.53, 78.0);
		assertThat(facts).allSatisfy((fact) -> {
			assertThat((String) fact.get("source")).isNotBlank();
			assertThat((String) fact.get("statement")).isNotBlank();
		});
		assertThat(facts).filteredOn((f) -> Double.valueOf(61042).equals(asDouble(f.get("figure"))))
			.singleElement()
			.satisfies((f) -> {
				assertThat(f.get("unit")).isEqualTo("USD_PER_YEAR");
				assertThat((String) f.get("statement")).contains("61,042");
			});
	}

	private static Double asDouble(Object value) {
		return value == null ? null : ((Number) value).doubleValue();
	}

	/** Asks {@code document} anonymously; answers the one error it is refused with. */
	private ResponseError refused(String document) {
		return onlyError(this.anonymous.document(document).execute());
	}

	private List<String> searchIds(String text) {
		return this.anonymous.document("query($t: String!) { searchSkills(text: $t) { skill { id } } }")
			.variable("t", text)
			.execute()
			.path("searchSkills[*].skill.id")
			.entityList(String.class)
			.get();
	}

	private List<String> skillIds(String filter) {
		return this.anonymous.document("{ skills(filter: " + filter + ", first: 100) { edges { node { id } } } }")
			.execute()
			.path("skills.edges[*].node.id")
			.entityList(String.class)
			.get();
	}

}
