package dev.skillpath.gateway.router.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillpath.gateway.router.supergraph.FieldInfo;
import dev.skillpath.gateway.router.supergraph.Supergraph;
import dev.skillpath.gateway.router.supergraph.TypeInfo;
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

/**
 * Builds the client's response from the merged subgraph data by walking the client's own
 * operation: only the fields it asked for, under its aliases, in its order, with {@code @skip}
 * and {@code @include} applied and the GraphQL spec's null propagation (a null in a non-null
 * position nulls the nearest nullable parent, with one error for it).
 */
public final class ResponseShaper {

	/** Marks a null that must propagate to the parent. */
	private static final Object BUBBLE = new Object();

	private final Supergraph supergraph;

	public ResponseShaper(Supergraph supergraph) {
		this.supergraph = supergraph;
	}

	public Map<String, Object> shape(OperationDefinition operation, Map<String, Object> data,
			List<Map<String, Object>> errors, Map<String, Object> variables) {
		String root = operation.getOperation() == OperationDefinition.Operation.MUTATION
				? this.supergraph.mutationType() : this.supergraph.queryType();
		Shaping shaping = new Shaping(errors, variables == null ? Map.of() : variables);
		Object shaped = shaping.object(this.supergraph.type(root), operation.getSelectionSet(), data, new ArrayList<>());
		Map<String, Object> response = new LinkedHashMap<>();
		if (!errors.isEmpty()) {
			response.put("errors", errors);
		}
		response.put("data", shaped == BUBBLE ? null : shaped);
		return response;
	}

	private final class Shaping {

		final List<Map<String, Object>> errors;

		final Map<String, Object> variables;

		Shaping(List<Map<String, Object>> errors, Map<String, Object> variables) {
			this.errors = errors;
			this.variables = variables;
		}

		Object object(TypeInfo declared, SelectionSet selection, Map<String, Object> value, List<Object> path) {
			String runtime = value.get("__typename") instanceof String t ? t : declared.name();
			TypeInfo type = ResponseShaper.this.supergraph.type(runtime);
			if (type == null) {
				type = declared;
			}
			Map<String, List<Field>> fields = new LinkedHashMap<>();
			collect(selection, runtime, fields);
			Map<String, Object> out = new LinkedHashMap<>();
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
				List<Object> fieldPath = new ArrayList<>(path);
				fieldPath.add(key);
				Object completed = value(info.type(), merged(entry.getValue()), value.get(key), fieldPath,
						type.name() + "." + field.getName());
				if (completed == BUBBLE) {
					return BUBBLE;
				}
				out.put(key, completed);
			}
			return out;
		}

		private Object value(Type<?> type, SelectionSet selection, Object raw, List<Object> path, String coordinate) {
			if (type instanceof NonNullType nonNull) {
				Object inner = value(nonNull.getType(), selection, raw, path, coordinate);
				if (inner == null || inner == BUBBLE) {
					if (!hasErrorAtOrBelow(path)) {
						Map<String, Object> error = new LinkedHashMap<>();
						error.put("message", "Cannot return null for non-nullable field " + coordinate);
						error.put("path", path);
						error.put("extensions", Map.of("code", "INTERNAL_SERVER_ERROR"));
						this.errors.add(error);
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
					List<Object> itemPath = new ArrayList<>(path);
					itemPath.add(i);
					Object item = value(listType.getType(), selection, list.get(i), itemPath, coordinate);
					if (item == BUBBLE) {
						return null;
					}
					out.add(item);
				}
				return out;
			}
			TypeInfo named = ResponseShaper.this.supergraph.type(((TypeName) type).getName());
			if (named != null && named.isComposite()) {
				if (!(raw instanceof Map<?, ?> map)) {
					return null;
				}
				Object object = object(named, selection, PlanExecutor.castMap(map), path);
				return object == BUBBLE ? null : object;
			}
			return raw;
		}

		private boolean hasErrorAtOrBelow(List<Object> path) {
			synchronized (this.errors) {
				for (Map<String, Object> error : this.errors) {
					if (error.get("path") instanceof List<?> errorPath && errorPath.size() >= path.size()
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
					fields.computeIfAbsent(field.getAlias() != null ? field.getAlias() : field.getName(),
							(k) -> new ArrayList<>()).add(field);
				}
				else if (s instanceof InlineFragment fragment) {
					String condition = fragment.getTypeCondition() == null ? null : fragment.getTypeCondition().getName();
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
