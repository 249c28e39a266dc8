package dev.skillpath.content;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.ResponseError;

import static dev.skillpath.support.testing.GraphQlErrors.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Apollo Federation v2 surface: {@code _service { sdl }} and batched
 * {@code _entities}.
 */
class FederationTest extends ContentServiceTest {

	private static final String ENTITIES = """
			query($r: [_Any!]!) {
			  _entities(representations: $r) {
			    __typename
			    ... on Skill { id name }
			    ... on Roadmap { id title skillIds }
			  }
			}""";

	@Test
	void serviceSdlDeclaresSkillAndRoadmapAsEntitiesKeyedById() {
		assertThat(serviceSdl()).containsPattern("type Skill @key\\(fields ?: ?\"id\"")
			.containsPattern("type Roadmap @key\\(fields ?: ?\"id\"")
			.contains("@link(")
			.contains("federation/v2.7")
			.contains("skillIds: [ID!]!");
	}

	@Test
	void entitiesResolveSkillsAndRoadmapsMixedInOneCallInKeyOrder() {
		List<Map<String, Object>> representations = List.of(skill("postgresql"), roadmap("backend"), skill("java"));
		this.anonymous.document(ENTITIES)
			.variable("r", representations)
			.execute()
			.path("_entities[*].__typename")
			.entityList(String.class)
			.containsExactly("Skill", "Roadmap", "Skill")
			.path("_entities[0].name")
			.entity(String.class)
			.isEqualTo("PostgreSQL")
			.path("_entities[1].title")
			.entity(String.class)
			.isEqualTo("Backend Developer")
			.path("_entities[1].skillIds")
			.entityList(String.class)
			.contains("postgresql", "java")
			.path("_entities[2].id")
			.entity(String.class)
			.isEqualTo("java");
	}

	@Test
	void unknownKeysAnswerNullWithAnErrorEach() {
		var response = this.anonymous.document(ENTITIES)
			.variable("r", List.of(skill("t-fed-unknown"), skill("postgresql"), roadmap("t-fed-unknown-roadmap")))
			.execute();
		response.errors().satisfy((errors) -> {
			assertThat(errors).hasSize(2);
			assertThat(errors).extracting(ResponseError::getPath).containsExactly("_entities[0]", "_entities[2]");
			assertThat(errors).allSatisfy((error) -> assertCode(error, "NOT_FOUND"));
		});
		response.path("_entities[0]")
			.valueIsNull()
			.path("_entities[1].id")
			.entity(String.class)
			.isEqualTo("postgresql")
			.path("_entities[2]")
			.valueIsNull();
	}

	@Test
	void entitiesAnswerAFiftyKeyBatchWithOneSqlStatement() {
		List<String> ids = this.anonymous.document("{ skills(first: 50) { edges { node { id } } } }")
			.execute()
			.path("skills.edges[*].node.id")
			.entityList(String.class)
			.hasSize(50)
			.get();
		List<Map<String, Object>> representations = ids.stream().map(FederationTest::skill).toList();
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

	static Map<String, Object> skill(String id) {
		return Map.of("__typename", "Skill", "id", id);
	}

	static Map<String, Object> roadmap(String id) {
		return Map.of("__typename", "Roadmap", "id", id);
	}

}
