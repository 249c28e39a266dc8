package dev.skillpath.router.planning;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import graphql.language.OperationDefinition;
import graphql.language.OperationDefinition.Operation;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The printed form of a plan, on plans built by hand: what each kind of fetch prints, and
 * how children and {@code dependsOn} become {@code Sequence} and {@code Parallel} steps.
 */
class QueryPlanPrinterTest {

	private int ids;

	@Test
	void aRootFetchPrintsItsServiceAndItsSelectionOnOneLine() {
		FetchNode me = root("accounts", "{ me { __typename id  name } }");

		assertThat(query(me).print()).isEqualTo("""
				QueryPlan {
				  Fetch(service: "accounts") {
				    { me { __typename id name } }
				  }
				}
				""");
	}

	@Test
	void rootFetchesOfAQueryArePrintedInParallelAndOfAMutationInSequence() {
		FetchNode a = root("a", "{ x }");
		FetchNode b = root("b", "{ y(n: 1) { z } }");

		assertThat(query(a, b).print()).isEqualTo("""
				QueryPlan {
				  Parallel {
				    Fetch(service: "a") {
				      { x }
				    }
				    Fetch(service: "b") {
				      { y(n: 1) { z } }
				    }
				  }
				}
				""");
		assertThat(mutation(a, b).print()).isEqualTo("""
				QueryPlan {
				  Sequence {
				    Fetch(service: "a") {
				      mutation { x }
				    }
				    Fetch(service: "b") {
				      mutation { y(n: 1) { z } }
				    }
				  }
				}
				""");
	}

	@Test
	void anEntityFetchPrintsItsPathTheRepresentationAndTheSelectionAfterItsParent() {
		FetchNode reviews = root("reviews", "{ top { __typename author { __typename id } } }");
		reviews.children()
			.add(entity("accounts", "top.author", "User", "{ __typename id }", "{ name friends { __typename id } }"));

		assertThat(query(reviews).print()).isEqualTo("""
				QueryPlan {
				  Sequence {
				    Fetch(service: "reviews") {
				      { top { __typename author { __typename id } } }
				    }
				    Flatten(path: "top.author") {
				      Fetch(service: "accounts") {
				        { ... on User { __typename id } } =>
				        { ... on User { name friends { __typename id } } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void variablesAreListedOnTheFetchesThatSendThem() {
		FetchNode user = root("accounts", "{ user(id: $id) { __typename id } }", "id");
		user.children()
			.add(entity("reviews", "user", "User", "{ __typename id }",
					"{ reviews(first: $n) @include(if: $all) { body } }", "n", "all"));

		assertThat(query(user).print()).isEqualTo("""
				QueryPlan {
				  Sequence {
				    Fetch(service: "accounts", variables: [$id]) {
				      { user(id: $id) { __typename id } }
				    }
				    Flatten(path: "user") {
				      Fetch(service: "reviews", variables: [$n, $all]) {
				        { ... on User { __typename id } } =>
				        { ... on User { reviews(first: $n) @include(if: $all) { body } } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void childrenRunInParallelAfterTheirParentAndGrandchildrenAfterTheirParent() {
		FetchNode root = root("a", "{ t { __typename id } }");
		FetchNode b = entity("b", "t", "T", "{ __typename id }", "{ u { __typename id } }");
		b.children().add(entity("d", "t.u", "U", "{ __typename id }", "{ w }"));
		root.children().add(b);
		root.children().add(entity("c", "t", "T", "{ __typename id }", "{ v }"));

		assertThat(query(root).print()).isEqualTo("""
				QueryPlan {
				  Sequence {
				    Fetch(service: "a") {
				      { t { __typename id } }
				    }
				    Parallel {
				      Sequence {
				        Flatten(path: "t") {
				          Fetch(service: "b") {
				            { ... on T { __typename id } } =>
				            { ... on T { u { __typename id } } }
				          }
				        }
				        Flatten(path: "t.u") {
				          Fetch(service: "d") {
				            { ... on U { __typename id } } =>
				            { ... on U { w } }
				          }
				        }
				      }
				      Flatten(path: "t") {
				        Fetch(service: "c") {
				          { ... on T { __typename id } } =>
				          { ... on T { v } }
				        }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void aFetchThatDependsOnSiblingsRunsAfterExactlyThoseAndTheOthersInParallel() {
		FetchNode root = root("a", "{ t { __typename id } }");
		FetchNode other = entity("b", "t", "T", "{ __typename id }", "{ x }");
		FetchNode provider = entity("b", "t", "T", "{ __typename id }", "{ weight }");
		FetchNode dependent = entity("c", "t", "T", "{ __typename id weight }", "{ cost }");
		dependent.dependsOn().add(provider);
		root.children().addAll(List.of(other, provider, dependent));

		assertThat(query(root).print()).isEqualTo("""
				QueryPlan {
				  Sequence {
				    Fetch(service: "a") {
				      { t { __typename id } }
				    }
				    Parallel {
				      Flatten(path: "t") {
				        Fetch(service: "b") {
				          { ... on T { __typename id } } =>
				          { ... on T { x } }
				        }
				      }
				      Sequence {
				        Flatten(path: "t") {
				          Fetch(service: "b") {
				            { ... on T { __typename id } } =>
				            { ... on T { weight } }
				          }
				        }
				        Flatten(path: "t") {
				          Fetch(service: "c") {
				            { ... on T { __typename id weight } } =>
				            { ... on T { cost } }
				          }
				        }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void aFetchThatDependsOnSeveralSiblingsRunsAfterAllOfThem() {
		FetchNode root = root("a", "{ t { __typename id } }");
		FetchNode first = entity("b", "t", "T", "{ __typename id }", "{ x }");
		FetchNode second = entity("c", "t", "T", "{ __typename id }", "{ y }");
		FetchNode chained = entity("d", "t", "T", "{ __typename id y }", "{ z }");
		chained.dependsOn().add(second);
		FetchNode last = entity("e", "t", "T", "{ __typename id x z }", "{ w }");
		last.dependsOn().addAll(List.of(first, second, chained));
		root.children().addAll(List.of(first, second, chained, last));

		assertThat(query(root).print()).isEqualTo("""
				QueryPlan {
				  Sequence {
				    Fetch(service: "a") {
				      { t { __typename id } }
				    }
				    Parallel {
				      Flatten(path: "t") {
				        Fetch(service: "b") {
				          { ... on T { __typename id } } =>
				          { ... on T { x } }
				        }
				      }
				      Sequence {
				        Flatten(path: "t") {
				          Fetch(service: "c") {
				            { ... on T { __typename id } } =>
				            { ... on T { y } }
				          }
				        }
				        Flatten(path: "t") {
				          Fetch(service: "d") {
				            { ... on T { __typename id y } } =>
				            { ... on T { z } }
				          }
				        }
				      }
				    }
				    Flatten(path: "t") {
				      Fetch(service: "e") {
				        { ... on T { __typename id x z } } =>
				        { ... on T { w } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void aDependencyThatSequenceAndParallelCannotExpressIsRefused() {
		FetchNode root = root("a", "{ t { __typename id } }");
		FetchNode x = entity("b", "t", "T", "{ __typename id }", "{ x }");
		FetchNode y = entity("c", "t", "T", "{ __typename id }", "{ y }");
		FetchNode needsX = entity("d", "t", "T", "{ __typename id x }", "{ z }");
		needsX.dependsOn().add(x);
		// waits for x and y, but not for needsX, which runs with x
		FetchNode needsXAndY = entity("e", "t", "T", "{ __typename id x y }", "{ w }");
		needsXAndY.dependsOn().addAll(List.of(x, y));
		root.children().addAll(List.of(x, y, needsX, needsXAndY));

		assertThatIllegalStateException().isThrownBy(() -> query(root).print()).withMessageContaining("from e at t");
	}

	@Test
	void nodeIdsDoNotShow() {
		FetchNode first = root("a", "{ t { __typename id } }");
		first.children().add(entity("b", "t", "T", "{ __typename id }", "{ x }"));
		this.ids = 100;
		FetchNode second = root("a", "{ t { __typename id } }");
		second.children().add(entity("b", "t", "T", "{ __typename id }", "{ x }"));

		assertThat(first.id()).isNotEqualTo(second.id());
		assertThat(query(first).print()).isEqualTo(query(second).print()).doesNotContain("1", "#");
	}

	@Test
	void aPlanWithoutFetchesPrintsAsAnEmptyQueryPlan() {
		assertThat(query().print()).isEqualTo("QueryPlan {}\n");
	}

	@Test
	void aFetchNodePrintsItselfAndWhatRunsAfterIt() {
		FetchNode root = root("a", "{ t { __typename id } }");
		root.children().add(entity("b", "t", "T", "{ __typename id }", "{ x }"));

		assertThat(root.toString()).isEqualTo("""
				Sequence {
				  Fetch(service: "a") {
				    { t { __typename id } }
				  }
				  Flatten(path: "t") {
				    Fetch(service: "b") {
				      { ... on T { __typename id } } =>
				      { ... on T { x } }
				    }
				  }
				}
				""");
		assertThat(query(root)).hasToString(query(root).print());
	}

	private FetchNode root(String subgraph, String selection, String... variables) {
		FetchNode node = new FetchNode(++this.ids, subgraph, List.of(), null, null);
		node.selection(selectionSet(selection));
		node.variables(Arrays.asList(variables));
		return node;
	}

	private FetchNode entity(String subgraph, String path, String type, String representation, String selection,
			String... variables) {
		FetchNode node = new FetchNode(++this.ids, subgraph, Arrays.asList(path.split("\\.")), type,
				selectionSet(representation));
		node.selection(selectionSet(selection));
		node.variables(Arrays.asList(variables));
		return node;
	}

	private static SelectionSet selectionSet(String text) {
		return ((OperationDefinition) Parser.parse(text).getDefinitions().get(0)).getSelectionSet();
	}

	private static QueryPlan query(FetchNode... roots) {
		return plan(Operation.QUERY, roots);
	}

	private static QueryPlan mutation(FetchNode... roots) {
		return plan(Operation.MUTATION, roots);
	}

	private static QueryPlan plan(Operation operation, FetchNode... roots) {
		OperationDefinition definition = OperationDefinition.newOperationDefinition()
			.operation(operation)
			.selectionSet(SelectionSet.newSelectionSet().build())
			.build();
		return new QueryPlan(definition, List.of(roots), operation == Operation.MUTATION, Map.of(), false);
	}

}
