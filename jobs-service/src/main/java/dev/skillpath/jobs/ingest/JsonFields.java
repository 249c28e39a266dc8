package dev.skillpath.jobs.ingest;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Reading loosely typed JSON fields: scalars as text, lists from arrays or
 * comma-separated text.
 */
final class JsonFields {

	private JsonFields() {
	}

	/** The field as text; numbers and booleans are accepted as their text. */
	static String text(JsonNode node, String name, String field) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull() || value.isMissingNode()) {
			return null;
		}
		if (value.isValueNode()) {
			return value.asString();
		}
		throw new FieldTypeException(field, field + " must be a string, was " + kind(value));
	}

	static List<String> list(JsonNode node, String name, String field) {
		JsonNode value = node.get(name);
		List<String> items = new ArrayList<>();
		if (value == null || value.isNull() || value.isMissingNode()) {
			return items;
		}
		if (value.isString()) {
			for (String part : value.asString().split("[,;\\n]")) {
				if (!part.isBlank()) {
					items.add(part.strip());
				}
			}
			return items;
		}
		if (!value.isArray()) {
			throw new FieldTypeException(field, field + " must be a list of strings, was " + kind(value));
		}
		for (JsonNode item : value) {
			if (item.isString()) {
				items.add(item.asString());
			}
			else if (item.isObject() && item.has("name") && item.get("name").isValueNode()) {
				items.add(item.get("name").asString());
			}
			else {
				throw new FieldTypeException(field, field + " must be a list of strings");
			}
		}
		return items;
	}

	static String kind(JsonNode value) {
		if (value.isObject()) {
			return "an object";
		}
		if (value.isArray()) {
			return "a list";
		}
		return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
	}

}
