package dev.skillpath.content;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoadmapQueriesTest extends ContentServiceTest {

	@Test
	void shippedBackendRoadmapHasAtLeastSixtySkillsInOrderedStages() {
		List<String> skillIds = this.anonymous
			.document("{ roadmap(id: \"backend\") { title stages { position title } skillIds } }")
			.execute()
			.path("roadmap.title").entity(String.class).isEqualTo("Backend Developer")
			.path("roadmap.stages[*].position").entityList(Integer.class)
			.satisfies((positions) -> assertThat(positions).isSorted().startsWith(1))
			.path("roadmap.skillIds").entityList(String.class).get();
		assertThat(skillIds).hasSizeGreaterThanOrEqualTo(60)
			.doesNotHaveDuplicates()
			.contains("javascript", "python", "django", "cherrypy", "sql", "mysql", "ruby", "ruby-on-rails", "php",
					"dotnet-csharp", "java", "rest-apis", "soap", "nosql", "mongodb", "cassandra", "dynamodb", "hbase",
					"wordpress", "joomla", "magento", "wix", "version-control", "problem-solving", "communication",
					"http", "linux", "graphql", "docker");
	}

	@Test
	void entitiesAnswerAFiftyKeyBatchWithOneSqlStatement() {
		List<String> ids = this.anonymous.document("{ skills(first: 50) { edges { node { id } } } }")
			.execute()
			.path("skills.edges[*].node.id")
			.entityList(String.class)
			.hasSize(50)
			.get();
		List<Map<String, Object>> representations = ids.stream()
			.map((id) -> Map.<String, Object>of("__typename", "Skill", "id", id))
			.toList();
		this.sql.reset();
		this.anonymous.document("query($r: [_Any!]!) { _entities(representations: $r) { ... on Skill { id name } } }")
			.variable("r", representations)
			.execute()
			.path("_entities[*].id")
			.entityList(String.class)
			.isEqualTo(ids);
		assertThat(this.sql.matching("from unnest")).hasSize(1);
		assertThat(this.sql.statements()).hasSize(1);
	}

}
