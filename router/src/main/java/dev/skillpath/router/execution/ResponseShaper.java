package dev.skillpath.router.execution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.skillpath.router.supergraph.FieldInfo;
import dev.skillpath.router.supergraph.Supergraph;
import dev.skillpath.router.supergraph.TypeInfo;
import graphql.language.DirectivesContainer;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;

/**
 * Builds the client's response from the merged subgraph data by walking the client's own
 * operation: only the fields it asked for, under its aliases, in its order, with
 * {@code @skip} and {@code @include} applied and the GraphQL spec's null propagation (a
 * null in a non-null position nulls the nearest nullable parent, with one error for it).
 */
public final class ResponseShaper {

	/** Marks a null that must propagate to the parent. */
	private static final Object BUBBLE = new Object();

	private final Supergraph supergraph;

	/**
	 * The values of each enum of the API schema: a subgraph may answer a value the API
	 * does not have (@inaccessible, or defined in that subgraph only).
	 */
	private final Map<String, Set<String>> enumValues = new HashMap<>();

	public ResponseShaper(Supergraph supergraph) {
		this.supergraph = supergraph;
		supergraph.apiSchema()
			.getAllTypesAsList()
			.stream()
			.filter(GraphQLEnumType.class::isInstance)
			.map(GraphQLEnumType.class::cast)
			.forEach((type) -> this.enumValues.put(type.getName(),
					type.getValues().stream().map(GraphQLEnumValueDefinition::getName).collect(Collectors.toSet())));
	}

	public Map<String, Object> shape(OperationDefinition operation, Map<String, Object> data, List<GraphQlError> errors,
			Map<String, Object> variables) {
		String root = operation.getOperation() == OperationDefinition.Operation.MUTATION
				? this.supergraph.mutationType() : this.supergraph.queryType();
		Shaping shaping = new Shaping(errors, variables == null ? Map.of() : variables);
		Object shaped = shaping.object(this.supergraph.type(root), operation.getSelectionSet(), data, null);
		Map<String, Object> response = new LinkedHashMap<>();
		if (!errors.isEmpty()) {
			response.put("errors", GraphQlError.toSpecification(errors));
		}
		response.put("data", shaped == BUBBLE ? null : shaped);
		return response;
	}

	/**
	 * A response path as a chain of segments from the leaf up: extending it costs one
	 * small object, and the list form is built only for an error that needs it.
	 */
	private record Path(Path parent, Object segment) {

		static Path of(Path parent, Object segment) {
			return new Path(parent, segment);
		}

		static List<Object> toList(Path path) {
			ArrayList<Object> out = new ArrayList<>();
			for (Path at = path; at != null; at = at.parent) {
				out.add(at.segment);
			}
			java.util.Collections.reverse(out);
			return out;
		}

	}

	private final class Shaping {

		final List<GraphQlError> errors;

		final Map<String, Object> variables;

		/**
		 * The fields of a selection set for a runtime type, worked out once per request:
		 * a list of n objects shares one selection, and the directives depend only on
		 * this request's variables.
		 */
		final Map<SelectionSet, Map<String, Map<String, List<Field>>>> collected = new java.util.IdentityHashMap<>();

		/**
		 * The merged selection of fields asked for more than once under one response key.
		 */
		final Map<List<Field>, SelectionSet> mergedSelections = new java.util.IdentityHashMap<>();

		Shaping(List<GraphQlError> errors, Map<String, Object> variables) {
			this.errors = errors;
			this.variables = variables;
		}

		Object object(TypeInfo declared, SelectionSet selection, Map<String, Object> value, Path path) {
			String runtime = value.get("__typename") instanceof String t ? t : declared.name();
			TypeInfo type = ResponseShaper.this.supergraph.type(runtime);
			if (type == null) {
				type = declared;
			}
			Map<String, List<Field>> fields = fields(selection, runtime);
			Map<String, Object> out = new LinkedHashMap<>(Math.max(4, fields.size() * 2));
			for (Map.Entry<String, List<Field>> entry : fields.entrySet()) {
				String key = entry.getKey();
				Field field = entry.getValue().get(0);
				if (field.getName().equals("__typename")) {
					out.put(key, runtime);
					continue;
				}
				if (field.getName().equals("__schema") || field.getName().equals("__type")) {
					out.put(key, value.get(key));
					continue;
				}
				FieldInfo info = type.fields().get(field.getName());
				if (info == null) {
					info = declared.fields().get(field.getName());
				}
				List<Field> same = entry.getValue();
				SelectionSet sub = same.size() == 1 ? field.getSelectionSet()
						: this.mergedSelections.computeIfAbsent(same, ResponseShaper::merged);
				Object completed = value(info.type(), sub, value.get(key), Path.of(path, key), type, field);
				if (completed == BUBBLE) {
					return BUBBLE;
				}
				out.put(key, completed);
			}
			return out;
		}

		private Map<String, List<Field>> fields(SelectionSet selection, String runtime) {
			return this.collected.computeIfAbsent(selection, (k) -> new java.util.HashMap<>())
				.computeIfAbsent(runtime, (r) -> {
					Map<String, List<Field>> fields = new LinkedHashMap<>();
					collect(selection, r, fields);
					return fields;
				});
		}

		private Object value(Type<?> type, SelectionSet selection, Object raw, Path path, TypeInfo parent,
				Field field) {
			if (type instanceof NonNullType nonNull) {
				Object inner = value(nonNull.getType(), selection, raw, path, parent, field);
				if (inner == null || inner == BUBBLE) {
					List<Object> at = Path.toList(path);
					if (!hasErrorAtOrBelow(at)) {
						this.errors.add(
								GraphQlError
									.of("Cannot return null for non-nullable field " + parent.name() + "."
											+ field.getName(), "INTERNAL_SERVER_ERROR")
									.withPath(at));
					}
					return BUBBLE;
				}
				return inner;
			}
			if (raw == null) {
				return null;
			}
			if (type instanceof ListType listType) {
				if (!(raw instanceof List<?> list)) {
					return null;
				}
				List<Object> out = new ArrayList<>(list.size());
				for (int i = 0; i < list.size(); i++) {
					Object item = value(listType.getType(), selection, list.get(i), Path.of(path, i), parent, field);
					if (item == BUBBLE) {
						return null;
					}
					out.add(item);
				}
				return out;
			}
			TypeInfo named = ResponseShaper.this.supergraph.type(((TypeName) type).getName());
			if (named != null && named.isComposite()) {
				if (!(raw instanceof Map<?, ?> map) || hiddenType(map)) {
					return null;
				}
				Object object = object(named, selection, PlanExecutor.castMap(map), path);
				return object == BUBBLE ? null : object;
			}
			Set<String> values = (named != null && named.kind() == TypeInfo.Kind.ENUM)
					? ResponseShaper.this.enumValues.get(named.name()) : null;
			if (values != null && !values.contains(String.valueOf(raw))) {
				// as a GraphQL server does when a resolver returns a value outside the
				// enum
				this.errors.add(
						GraphQlError
							.of("Enum " + ((TypeName) type).getName() + " has no value " + raw + " in this API",
									"INTERNAL_SERVER_ERROR")
							.withPath(Path.toList(path)));
				return null;
			}
			return raw;
		}

		/**
		 * Whether the object is of a type the API does not show ({@code @inaccessible}):
		 * a client cannot be given an object it could not name, so it is null.
		 */
		private boolean hiddenType(Map<?, ?> object) {
			TypeInfo type = object.get("__typename") instanceof String name ? ResponseShaper.this.supergraph.type(name)
					: null;
			return type != null && type.inaccessible();
		}

		private boolean hasErrorAtOrBelow(List<Object> path) {
			synchronized (this.errors) {
				for (GraphQlError error : this.errors) {
					List<Object> errorPath = error.path();
					if (errorPath != null && errorPath.size() >= path.size()
							&& errorPath.subList(0, path.size()).equals(path)) {
						return true;
					}
				}
			}
			return false;
		}

		private void collect(SelectionSet selection, String runtime, Map<String, List<Field>> fields) {
			if (selection == null) {
				return;
			}
			for (Selection<?> s : selection.getSelections()) {
				if (!included((DirectivesContainer<?>) s)) {
					continue;
				}
				if (s instanceof Field field) {
					fields
						.computeIfAbsent(field.getAlias() != null ? field.getAlias() : field.getName(),
								(k) -> new ArrayList<>())
						.add(field);
				}
				else if (s instanceof InlineFragment fragment) {
					String condition = fragment.getTypeCondition() == null ? null
							: fragment.getTypeCondition().getName();
					if (ResponseShaper.this.supergraph.matches(runtime, condition)) {
						collect(fragment.getSelectionSet(), runtime, fields);
					}
				}
			}
		}

		private boolean included(DirectivesContainer<?> node) {
			return Directives.included(node, this.variables);
		}

	}

	private static SelectionSet merged(List<Field> fields) {
		if (fields.size() == 1) {
			return fields.get(0).getSelectionSet();
		}
		List<Selection> all = new ArrayList<>();
		for (Field field : fields) {
			if (field.getSelectionSet() != null) {
				all.addAll(field.getSelectionSet().getSelections());
			}
		}
		return all.isEmpty() ? null : SelectionSet.newSelectionSet().selections(all).build();
	}

}
