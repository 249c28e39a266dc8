package dev.skillpath.router.supergraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.SelectionSet;

/**
 * A type of the supergraph: which subgraphs define it, with which keys, and its fields.
 */
public final class TypeInfo {

	public enum Kind {

		OBJECT, INTERFACE, UNION, ENUM, INPUT_OBJECT, SCALAR

	}

	/** A {@code @key}: the fields that identify an entity in one subgraph. */
	public record Key(String fields, SelectionSet selection, boolean resolvable) {
	}

	private final String name;

	private final Kind kind;

	private final Set<String> subgraphs = new LinkedHashSet<>();

	private final Map<String, List<Key>> keys = new LinkedHashMap<>();

	private final Set<String> interfaceObjectIn = new LinkedHashSet<>();

	private final Map<String, FieldInfo> fields = new LinkedHashMap<>();

	/** Object types that implement this interface or are members of this union. */
	private final Set<String> possibleTypes = new LinkedHashSet<>();

	private final Set<String> interfaces = new LinkedHashSet<>();

	/**
	 * For an abstract type: the object types each subgraph says belong to it (its own
	 * {@code implements} or union members). A subgraph only ever returns these, and a
	 * fragment on any other type is invalid in its schema.
	 */
	private final Map<String, Set<String>> possibleTypesIn = new LinkedHashMap<>();

	private boolean inaccessible;

	public TypeInfo(String name, Kind kind) {
		this.name = name;
		this.kind = kind;
	}

	public String name() {
		return this.name;
	}

	public Kind kind() {
		return this.kind;
	}

	public boolean isAbstract() {
		return this.kind == Kind.INTERFACE || this.kind == Kind.UNION;
	}

	public boolean isComposite() {
		return this.kind == Kind.OBJECT || isAbstract();
	}

	public Set<String> subgraphs() {
		return this.subgraphs;
	}

	public Map<String, List<Key>> keys() {
		return this.keys;
	}

	public List<Key> keysIn(String subgraph) {
		return this.keys.getOrDefault(subgraph, List.of());
	}

	public boolean isEntity() {
		return !this.keys.isEmpty();
	}

	public Set<String> interfaceObjectIn() {
		return this.interfaceObjectIn;
	}

	public Map<String, FieldInfo> fields() {
		return this.fields;
	}

	public Set<String> possibleTypes() {
		return this.possibleTypes;
	}

	public Set<String> interfaces() {
		return this.interfaces;
	}

	/**
	 * The object types of this abstract type that {@code subgraph} knows as its members.
	 */
	public Set<String> possibleTypesIn(String subgraph) {
		return this.possibleTypesIn.getOrDefault(subgraph, Set.of());
	}

	void addPossibleTypeIn(String subgraph, String objectType) {
		this.possibleTypesIn.computeIfAbsent(subgraph, (s) -> new LinkedHashSet<>()).add(objectType);
	}

	boolean hasPossibleTypesBySubgraph() {
		return !this.possibleTypesIn.isEmpty();
	}

	public boolean inaccessible() {
		return this.inaccessible;
	}

	void markInaccessible() {
		this.inaccessible = true;
	}

	void addKey(String subgraph, Key key) {
		this.keys.computeIfAbsent(subgraph, (s) -> new ArrayList<>()).add(key);
	}

	/**
	 * Whether {@code subgraph} can resolve {@code field} of this type on its own: it
	 * defines the field and does not merely reference it as {@code @external}.
	 */
	public boolean resolvable(String field, String subgraph) {
		if (field.startsWith("__")) {
			return true;
		}
		FieldInfo info = this.fields.get(field);
		if (info == null) {
			return false;
		}
		if (info.sources().isEmpty()) {
			return !info.noOwnSource() && this.subgraphs.contains(subgraph);
		}
		FieldSource source = info.sources().get(subgraph);
		return source != null && !source.external();
	}

	/** Subgraphs that can resolve {@code field} on their own, in declaration order. */
	public List<String> resolvers(String field) {
		FieldInfo info = this.fields.get(field);
		if (info == null) {
			return List.of();
		}
		if (info.sources().isEmpty()) {
			return info.noOwnSource() ? List.of() : List.copyOf(this.subgraphs);
		}
		return info.sources().values().stream().filter((s) -> !s.external()).map(FieldSource::subgraph).toList();
	}

}
