package dev.skillpath.content;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;

import static dev.skillpath.content.RoadmapDocumentInput.roadmap;
import static dev.skillpath.content.SkillInput.skill;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code roadmaps} and {@code roadmap}: stages in order, their skills, and
 * {@code skillIds}.
 */
class RoadmapQueriesTest extends ContentServiceTest {

	@Test
	void shippedBackendRoadmapHasAtLeastSixtySkillsInOrderedStages() {
		List<String> skillIds = this.anonymous
			.document("{ roadmap(id: \"backend\") { title stages { position title } skillIds } }")
			.execute()
			.path("roadmap.title")
			.entity(String.class)
			.isEqualTo("Backend Developer")
			.path("roadmap.stages[*].position")
			.entityList(Integer.class)
			.satisfies((positions) -> assertThat(positions).isSorted().startsWith(1))
			.path("roadmap.skillIds")
			.entityList(String.class)
			.get();
		assertThat(skillIds).hasSizeGreaterThanOrEqualTo(60)
			.doesNotHaveDuplicates()
			.contains("javascript", "python", "django", "cherrypy", "sql", "mysql", "ruby", "ruby-on-rails", "php",
					"dotnet-csharp", "java", "rest-apis", "soap", "nosql", "mongodb", "cassandra", "dynamodb", "hbase",
					"wordpress", "joomla", "magento", "wix", "version-control", "problem-solving", "communication",
					"http", "linux", "graphql", "docker");
	}

	@Test
	void everyShippedSkillHasTwoFreeResources() {
		List<Map<String, Object>> skills = this.anonymous
			.document("{ roadmap(id: \"backend\") { skills { id free: resources(freeOnly: true) { url } } } }")
			.execute()
			.path("roadmap.skills")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		assertThat(skills).hasSizeGreaterThanOrEqualTo(60)
			.allSatisfy((skill) -> assertThat((List<?>) skill.get("free")).as("free resources of %s", skill.get("id"))
				.hasSizeGreaterThanOrEqualTo(2));
	}

	@Test
	void roadmapAnswersStagesInOrderWithTheirSkillsAndSkillIdsInStageOrder() {
		importRoadmap(roadmap("t-rq-order", "T Roadmap In Order")
			.stage("First steps", skill("t-rq-b", "T Rq B"), skill("t-rq-a", "T Rq A"))
			.stage("Then", skill("t-rq-c", "T Rq C").requires("t-rq-a"))
			.stage("Finally", skill("t-rq-d", "T Rq D")));

		this.anonymous.document("""
				{ roadmap(id: "t-rq-order") { id title description
				  stages { position title skills { id } } skillIds skills { id } } }""")
			.execute()
			.path("roadmap.title")
			.entity(String.class)
			.isEqualTo("T Roadmap In Order")
			.path("roadmap.description")
			.entity(String.class)
			.isEqualTo("A roadmap made by a test: T Roadmap In Order")
			.path("roadmap.stages[*].position")
			.entityList(Integer.class)
			.containsExactly(1, 2, 3)
			.path("roadmap.stages[*].title")
			.entityList(String.class)
			.containsExactly("First steps", "Then", "Finally")
			.path("roadmap.stages[0].skills[*].id")
			.entityList(String.class)
			.containsExactly("t-rq-b", "t-rq-a")
			.path("roadmap.stages[1].skills[*].id")
			.entityList(String.class)
			.containsExactly("t-rq-c")
			.path("roadmap.skillIds")
			.entityList(String.class)
			.containsExactly("t-rq-b", "t-rq-a", "t-rq-c", "t-rq-d")
			.path("roadmap.skills[*].id")
			.entityList(String.class)
			.containsExactly("t-rq-b", "t-rq-a", "t-rq-c", "t-rq-d");
	}

	@Test
	void roadmapsListsEveryRoadmapById() {
		importRoadmap(roadmap("t-rq-listed", "T Listed").stage("Only", skill("t-rq-listed-skill", "T Rq Listed")));
		List<Map<String, Object>> roadmaps = this.anonymous.document("{ roadmaps { id title skillIds } }")
			.execute()
			.path("roadmaps")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		List<String> ids = roadmaps.stream().map((r) -> (String) r.get("id")).toList();
		assertThat(ids).isSorted().contains("backend", "t-rq-listed");
		assertThat(roadmaps).filteredOn((r) -> r.get("id").equals("t-rq-listed"))
			.singleElement()
			.satisfies((r) -> assertThat(r.get("skillIds")).isEqualTo(List.of("t-rq-listed-skill")));
	}

	@Test
	void unknownRoadmapIsNull() {
		this.anonymous.document("{ roadmap(id: \"t-no-such-roadmap\") { id } }")
			.execute()
			.path("roadmap")
			.valueIsNull();
	}

}
