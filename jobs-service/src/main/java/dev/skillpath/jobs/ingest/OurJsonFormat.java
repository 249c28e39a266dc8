package dev.skillpath.jobs.ingest;

import java.util.ArrayList;
import java.util.List;

import dev.skillpath.jobs.normalise.ListingInput;
import tools.jackson.databind.JsonNode;

import static dev.skillpath.jobs.ingest.JsonFields.list;
import static dev.skillpath.jobs.ingest.JsonFields.text;

/**
 * Our own JSON: {@code {"jobs": [...]}}, a bare array, or one object. Fields: externalId,
 * title, company, location (text or {city, region, country}), remote, employmentType,
 * seniority, salary ({min, max, currency, period} or text), description (HTML or text),
 * url, postedAt, validThrough, skills, niceToHaveSkills.
 */
final class OurJsonFormat {

	private OurJsonFormat() {
	}

	static List<JsonNode> records(JsonNode root) {
		List<JsonNode> records = new ArrayList<>();
		JsonNode list = root.isObject() && root.has("jobs") ? root.get("jobs") : root;
		if (list.isArray()) {
			list.forEach(records::add);
		}
		else {
			records.add(list);
		}
		return records;
	}

	static ParsedRecord read(int index, JsonNode node) {
		if (!node.isObject()) {
			return ParsedRecord.rejected(index, null, "record", "each record must be a JSON object");
		}
		String externalId = null;
		try {
			externalId = text(node, "externalId", "externalId");
			String locationText = null;
			String city = null;
			String region = null;
			String country = null;
			JsonNode location = node.get("location");
			if (location != null && location.isObject()) {
				city = text(location, "city", "location.city");
				region = text(location, "region", "location.region");
				country = text(location, "country", "location.country");
				locationText = text(location, "text", "location.text");
			}
			else {
				locationText = text(node, "location", "location");
			}
			String min = null;
			String max = null;
			String currency = null;
			String period = null;
			String salaryText = null;
			JsonNode salary = node.get("salary");
			if (salary != null && salary.isObject()) {
				min = number(salary, "min");
				max = number(salary, "max");
				currency = text(salary, "currency", "salary.currency");
				period = text(salary, "period", "salary.period");
			}
			else {
				salaryText = text(node, "salary", "salary");
			}
			return ParsedRecord.of(new ListingInput(index, externalId, text(node, "title", "title"),
					text(node, "company", "company"), locationText, city, region, country,
					text(node, "remote", "remote"), text(node, "employmentType", "employmentType"),
					text(node, "seniority", "seniority"), min, max, currency, period, salaryText,
					text(node, "description", "description"), text(node, "url", "url"),
					text(node, "postedAt", "postedAt"), text(node, "validThrough", "validThrough"),
					list(node, "skills", "skills"), list(node, "niceToHaveSkills", "niceToHaveSkills")));
		}
		catch (FieldTypeException ex) {
			return ParsedRecord.rejected(index, externalId, ex.field, ex.getMessage());
		}
	}

	private static String number(JsonNode salary, String name) {
		JsonNode value = salary.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isNumber() || value.isString()) {
			return value.asString();
		}
		throw new FieldTypeException("salary." + name, "salary." + name + " must be a number");
	}

}
