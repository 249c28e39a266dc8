package dev.skillpath.router.planning;

import java.util.List;
import java.util.Map;

import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;

/**
 * What to fetch for one operation of a document: root fetches (run in parallel for
 * queries, in order for mutations) with their dependent entity fetches, and the operation
 * with fragments inlined, which shapes the response.
 */
public record QueryPlan(OperationDefinition operation, List<FetchNode> roots, boolean sequential,
		Map<String, VariableDefinition> variableDefinitions, boolean hasIntrospection) {

	/** The most subgraph requests this plan can make, whatever the data. */
	public int maxFetches() {
		return this.roots.stream().mapToInt(FetchNode::size).sum();
	}

	/**
	 * This plan in a stable text form, for tests and for reading: what is fetched from
	 * which service, and in which order. Two plans print alike exactly when they send the
	 * same requests in the same order (the client's operation name aside); nothing of the
	 * planner's bookkeeping (node ids, the order in which it created the fetches) shows.
	 * For example:
	 *
	 * <pre>
	 * QueryPlan {
	 *   Sequence {
	 *     Fetch(service: "accounts", variables: [$id]) {
	 *       { user(id: $id) { name __typename id } }
	 *     }
	 *     Flatten(path: "user") {
	 *       Fetch(service: "reviews", variables: [$n]) {
	 *         { ... on User { __typename id } } =&gt;
	 *         { ... on User { reviews(first: $n) { __typename body } } }
	 *       }
	 *     }
	 *   }
	 * }
	 * </pre>
	 *
	 * <ul>
	 * <li>{@code Fetch(service: "s") { <selection> }} is a root fetch: the selection set
	 * sent to subgraph {@code s}, preceded by {@code mutation} in a mutation.
	 * {@code variables: [...]} lists the operation's variables a fetch sends, if
	 * any.</li>
	 * <li>{@code Flatten(path: "a.b") { Fetch(service: "s") { <representation> =>
	 * <selection> } }} is an entity fetch: one {@code _entities} request to {@code s} for
	 * the objects at response path {@code a.b} (lists along the path flattened, each
	 * distinct representation sent once) whose type matches the entity type of the
	 * {@code ... on T}. The representation holds the fields before {@code =>}
	 * ({@code __typename}, the key and any {@code @requires} fields; for an
	 * {@code @interfaceObject}, {@code T} is the interface); the fields after it are
	 * fetched for them.</li>
	 * <li>{@code Sequence { a b }} runs {@code b} once {@code a}, with everything in it,
	 * is done; {@code Parallel { a b }} runs both at once. Root fetches of a query are in
	 * a {@code Parallel}, of a mutation in a {@code Sequence}; an entity fetch comes
	 * after the fetch that returns its objects; a fetch that waits for sibling fetches
	 * ({@link FetchNode#dependsOn()}, for {@code @requires}) comes after a step that
	 * holds exactly those. Blocks of one step are left out, nested blocks of the same
	 * kind merged.</li>
	 * <li>Documents are printed by graphql-java's {@code AstPrinter} in its pretty form,
	 * its lines trimmed and joined by single spaces, fields in the order the planner
	 * sends them.</li>
	 * <li>A plan without fetches (only the root {@code __typename} or introspection,
	 * which the router answers itself) prints as {@code QueryPlan {}}.</li>
	 * </ul>
	 * Dependencies that Sequence and Parallel cannot express exactly (a fetch waiting for
	 * some but not all of the fetches that run together with one of its dependencies) are
	 * refused with an {@link IllegalStateException} rather than printed as another order;
	 * this planner makes none.
	 * @return the printed plan, one line per element, ending with a newline
	 */
	public String print() {
		return QueryPlanPrinter.print(this);
	}

	@Override
	public String toString() {
		return print();
	}

}
