package dev.skillpath.router.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.language.SelectionSet;

/**
 * One request to one subgraph: a root fetch (entityType null) or an entity fetch that
 * extends the objects found at {@code path} in the response with more fields through
 * {@code _entities}. Children run once this node's data is in; a node also waits for the
 * siblings in {@code dependsOn} (those that fetch fields its {@code @requires} needs).
 */
public final class FetchNode {

	private final int id;

	private final String subgraph;

	private final List<String> path;

	private final String entityType;

	/** For entity fetches: {@code __typename}, the key fields and the required fields. */
	private final SelectionSet representation;

	private SelectionSet selection;

	private final List<FetchNode> children = new ArrayList<>();

	private final List<FetchNode> dependsOn = new ArrayList<>();

	/**
	 * The subgraph operation (root fetches) or the selection inside {@code ... on Type}
	 * (entity fetches).
	 */
	private String document;

	private List<String> variables = List.of();

	/** Aliases this fetch sends for conflicting fields, to the client's response keys. */
	private Map<String, String> responseKeyRenames = Map.of();

	FetchNode(int id, String subgraph, List<String> path, String entityType, SelectionSet representation) {
		this.id = id;
		this.subgraph = subgraph;
		this.path = List.copyOf(path);
		this.entityType = entityType;
		this.representation = representation;
	}

	public int id() {
		return this.id;
	}

	public String subgraph() {
		return this.subgraph;
	}

	public List<String> path() {
		return this.path;
	}

	public String entityType() {
		return this.entityType;
	}

	public boolean isEntityFetch() {
		return this.entityType != null;
	}

	public SelectionSet representation() {
		return this.representation;
	}

	public SelectionSet selection() {
		return this.selection;
	}

	void selection(SelectionSet selection) {
		this.selection = selection;
	}

	public List<FetchNode> children() {
		return this.children;
	}

	public List<FetchNode> dependsOn() {
		return this.dependsOn;
	}

	public String document() {
		return this.document;
	}

	void document(String document) {
		this.document = document;
	}

	public List<String> variables() {
		return this.variables;
	}

	void variables(List<String> variables) {
		this.variables = List.copyOf(variables);
	}

	/**
	 * The aliases in {@link #document()} that stand for another response key: the answers
	 * under them are renamed to that key before they are merged. Empty for most fetches.
	 */
	public Map<String, String> responseKeyRenames() {
		return this.responseKeyRenames;
	}

	void responseKeyRenames(Map<String, String> renames) {
		this.responseKeyRenames = Map.copyOf(renames);
	}

	/**
	 * Number of fetches in this subtree: what a plan costs in subgraph requests at most.
	 */
	public int size() {
		return 1 + this.children.stream().mapToInt(FetchNode::size).sum();
	}

	/** This fetch and the fetches after it, printed as in {@link QueryPlan#print()}. */
	@Override
	public String toString() {
		return QueryPlanPrinter.print(this);
	}

}
