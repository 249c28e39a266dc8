package dev.skillpath.router.planning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.skillpath.router.supergraph.JoinSpecLoader;
import dev.skillpath.router.supergraph.SubgraphComposer;
import dev.skillpath.router.supergraph.SubgraphComposer.SubgraphSchema;
import dev.skillpath.router.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import static dev.skillpath.router.planning.PlanFixtures.assertPlan;

/**
 * A supergraph written by Apollo's composition (the join-spec file of the fixture
 * subgraphs, read by {@link JoinSpecLoader}) is planned exactly like our own composition
 * of the same subgraph SDLs: {@code @requires} with a compound key, {@code @provides},
 * {@code @override}, unions and mutations.
 */
class SupergraphFilePlanningTest {

	static final Supergraph FROM_FILE = JoinSpecLoader.load(read("supergraph.graphql"));

	static final Supergraph COMPOSED = SubgraphComposer.compose(List.of("catalog", "learners", "jobs")
		.stream()
		.map((name) -> new SubgraphSchema(name, "fixture://" + name, read(name + ".graphqls")))
		.toList());

	@Test
	void requiresThroughACompoundKeyAndEntitiesInsideTheResult() {
		assertPlans("""
				{ me { streak completedSkillIds
				       matchingJobs(first: 500) { title company { name } requiredSkills { name myStatus } } } }
				""",
				"""
						QueryPlan {
						  Sequence {
						    Fetch(service: "learners") {
						      { me { streak completedSkillIds __typename org login } }
						    }
						    Flatten(path: "me") {
						      Fetch(service: "jobs") {
						        { ... on Learner { __typename org login completedSkillIds } } =>
						        { ... on Learner { matchingJobs(first: 500) { __typename title company { __typename name } requiredSkills { __typename id } } } }
						      }
						    }
						    Parallel {
						      Flatten(path: "me.matchingJobs.requiredSkills") {
						        Fetch(service: "catalog") {
						          { ... on Skill { __typename id } } =>
						          { ... on Skill { name } }
						        }
						      }
						      Flatten(path: "me.matchingJobs.requiredSkills") {
						        Fetch(service: "learners") {
						          { ... on Skill { __typename id } } =>
						          { ... on Skill { myStatus } }
						        }
						      }
						    }
						  }
						}
						""");
	}

	@Test
	void providesAndExternal() {
		assertPlans("{ jobs { topSkill { name } requiredSkills { name category } } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "jobs") {
				      { jobs { __typename topSkill { __typename name } requiredSkills { __typename id } } }
				    }
				    Flatten(path: "jobs.requiredSkills") {
				      Fetch(service: "catalog") {
				        { ... on Skill { __typename id } } =>
				        { ... on Skill { name category } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void overrideInAUnion() {
		assertPlans("{ featured { __typename ... on Skill { name myStatus difficulty } ... on Course { title } } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "catalog") {
				      { featured { __typename ... on Skill { name __typename id } ... on Course { __typename title } } }
				    }
				    Flatten(path: "featured") {
				      Fetch(service: "learners") {
				        { ... on Skill { __typename id } } =>
				        { ... on Skill { myStatus difficulty } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void mutations() {
		assertPlans(
				"mutation { a: renameSkill(id: \"go\", name: \"Golang\") { name } b: markDone(skillId: \"go\") { streak } }",
				"""
						QueryPlan {
						  Sequence {
						    Fetch(service: "catalog") {
						      mutation { a: renameSkill(id: "go", name: "Golang") { __typename name } }
						    }
						    Fetch(service: "learners") {
						      mutation { b: markDone(skillId: "go") { __typename streak } }
						    }
						  }
						}
						""");
	}

	private static void assertPlans(String query, String expected) {
		assertPlan(FROM_FILE, query, expected);
		assertPlan(COMPOSED, query, expected);
	}

	static String read(String fixture) {
		try (var in = SupergraphFilePlanningTest.class.getResourceAsStream("/fixtures/" + fixture)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
