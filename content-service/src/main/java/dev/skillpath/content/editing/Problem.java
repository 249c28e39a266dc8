package dev.skillpath.content.editing;

import java.util.LinkedHashMap;
import java.util.Map;

/** One reason an edit is refused, naming the item and field it concerns. */
public record Problem(String item, String field, String reason) {

	Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("item", this.item);
		if (this.field != null) {
			map.put("field", this.field);
		}
		map.put("reason", this.reason);
		return map;
	}

	@Override
	public String toString() {
		return this.item + (this.field == null ? "" : " (" + this.field + ")") + ": " + this.reason;
	}

}
