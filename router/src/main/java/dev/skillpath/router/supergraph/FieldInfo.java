package dev.skillpath.router.supergraph;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.ListType;
import graphql.language.NonNullType;

/** A field of the supergraph and the subgraphs that can resolve it. */
public final class FieldInfo {

	private final String name;

	private final Type<?> type;

	/**
	 * Subgraph name to its contribution; empty means every subgraph that has the parent
	 * type.
	 */
	private final Map<String, FieldSource> sources = new LinkedHashMap<>();

	private boolean inaccessible;

	/**
	 * A bare {@code @join__field} in a supergraph: no subgraph defines the field on this
	 * type (an {@code @interfaceObject} adds it through the interface).
	 */
	private boolean noOwnSource;

	public FieldInfo(String name, Type<?> type) {
		this.name = name;
		this.type = type;
	}

	public String name() {
		return this.name;
	}

	public Type<?> type() {
		return this.type;
	}

	/** The named type at the bottom of list and non-null wrappers. */
	public String namedType() {
		return unwrap(this.type);
	}

	public Map<String, FieldSource> sources() {
		return this.sources;
	}

	public boolean inaccessible() {
		return this.inaccessible;
	}

	void markInaccessible() {
		this.inaccessible = true;
	}

	public boolean noOwnSource() {
		return this.noOwnSource;
	}

	void markNoOwnSource() {
		this.noOwnSource = true;
	}

	static String unwrap(Type<?> type) {
		if (type instanceof NonNullType nonNull) {
			return unwrap(nonNull.getType());
		}
		if (type instanceof ListType list) {
			return unwrap(list.getType());
		}
		return ((TypeName) type).getName();
	}

}
