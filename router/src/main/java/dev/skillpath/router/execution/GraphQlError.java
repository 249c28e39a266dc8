package dev.skillpath.router.execution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.language.SourceLocation;

/**
 * A GraphQL error as the router and the edge carry it, immutable. It becomes JSON only in
 * {@link #toSpecification()}, in the order of the GraphQL over HTTP spec: message,
 * locations, path, extensions. A path and extensions are kept as given (values and key
 * order), so that what a subgraph sent in them reaches the client as it was.
 *
 * @param message what went wrong
 * @param locations where in the client's document; empty when the error is not about the
 * document
 * @param path the response path of the field concerned, or null for none
 * @param extensions {@code code} and what goes with it, in this order in the response
 */
public record GraphQlError(String message, List<Location> locations, List<Object> path,
		Map<String, Object> extensions) {

	/** A place in the client's document, line and column counted from 1. */
	public record Location(int line, int column) {

		public static Location of(SourceLocation location) {
			return new Location(location.getLine(), location.getColumn());
		}

		Map<String, Object> toSpecification() {
			Map<String, Object> location = new LinkedHashMap<>();
			location.put("line", this.line);
			location.put("column", this.column);
			return location;
		}

	}

	public GraphQlError {
		locations = locations == null ? List.of() : List.copyOf(locations);
		// subgraphs' JSON may hold nulls, which List.copyOf and Map.copyOf refuse
		path = path == null ? null : Collections.unmodifiableList(new ArrayList<>(path));
		extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
	}

	/** An error with its code in {@code extensions}, and no locations or path. */
	public static GraphQlError of(String message, String code) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", code);
		return new GraphQlError(message, List.of(), null, extensions);
	}

	public GraphQlError withLocations(List<Location> locations) {
		return new GraphQlError(this.message, locations, this.path, this.extensions);
	}

	public GraphQlError withPath(List<?> path) {
		return new GraphQlError(this.message, this.locations, path == null ? null : new ArrayList<>(path),
				this.extensions);
	}

	/** This error with one more extension, or another value for one it has. */
	public GraphQlError withExtension(String key, Object value) {
		Map<String, Object> extensions = new LinkedHashMap<>(this.extensions);
		extensions.put(key, value);
		return new GraphQlError(this.message, this.locations, this.path, extensions);
	}

	/** The error as the response's JSON has it; absent parts are left out. */
	public Map<String, Object> toSpecification() {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", this.message);
		if (!this.locations.isEmpty()) {
			error.put("locations", this.locations.stream().map(Location::toSpecification).toList());
		}
		if (this.path != null) {
			error.put("path", this.path);
		}
		if (!this.extensions.isEmpty()) {
			error.put("extensions", this.extensions);
		}
		return error;
	}

	/** The errors as the response's {@code errors} entry. */
	public static List<Map<String, Object>> toSpecification(List<GraphQlError> errors) {
		List<Map<String, Object>> out = new ArrayList<>(errors.size());
		for (GraphQlError error : errors) {
			out.add(error.toSpecification());
		}
		return out;
	}

	/** The response to a request refused before execution: errors and no data. */
	public static Map<String, Object> responseOf(List<GraphQlError> errors) {
		return Map.of("errors", toSpecification(errors));
	}

}
