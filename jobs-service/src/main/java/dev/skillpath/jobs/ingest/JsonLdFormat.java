package dev.skillpath.jobs.ingest;

import java.util.ArrayList;
import java.util.List;

import dev.skillpath.jobs.normalise.ListingInput;
import tools.jackson.databind.JsonNode;

import static dev.skillpath.jobs.ingest.JsonFields.list;
import static dev.skillpath.jobs.ingest.JsonFields.text;

/**
 * schema.org {@code JobPosting} in JSON-LD: one posting, an array, or a {@code @graph}.
 * Items of other types in a graph (an Organization, say) are skipped. The external id is
 * the {@code identifier} (text or PropertyValue), else the posting's {@code url}.
 */
public final class JsonLdFormat {

	private JsonLdFormat() {
	}

	public static List<JsonNode> records(JsonNode root) {
		List<JsonNode> candidates = new ArrayList<>();
		if (root.isArray()) {
			root.forEach(candidates::add);
		}
		else if (root.isObject() && root.has("@graph") && root.get("@graph").isArray()) {
			root.get("@graph").forEach(candidates::add);
		}
		else {
			candidates.add(root);
		}
		List<JsonNode> postings = new ArrayList<>();
		for (JsonNode candidate : candidates) {
			if (!candidate.isObject() || isJobPosting(candidate.get("@type"))) {
				postings.add(candidate);
			}
		}
		return postings;
	}

	private static boolean isJobPosting(JsonNode type) {
		if (type == null) {
			return true;
		}
		if (type.isArray()) {
			for (JsonNode t : type) {
				if (t.asString().endsWith("JobPosting")) {
					return true;
				}
			}
			return false;
		}
		return type.asString().endsWith("JobPosting");
	}

	public static ParsedRecord read(int index, JsonNode node) {
		if (!node.isObject()) {
			return ParsedRecord.rejected(index, null, "record", "each JobPosting must be a JSON object");
		}
		String externalId = null;
		try {
			externalId = identifier(node);
			String company = null;
			JsonNode org = node.get("hiringOrganization");
			if (org != null && org.isObject()) {
				company = text(org, "name", "hiringOrganization.name");
			}
			else {
				company = text(node, "hiringOrganization", "hiringOrganization");
			}
			String city = null;
			String region = null;
			String country = null;
			String locationText = null;
			JsonNode location = first(node.get("jobLocation"));
			if (location != null && location.isObject()) {
				JsonNode address = location.get("address");
				if (address != null && address.isObject()) {
					city = text(address, "addressLocality", "jobLocation.address.addressLocality");
					region = text(address, "addressRegion", "jobLocation.address.addressRegion");
					JsonNode countryNode = address.get("addressCountry");
					country = countryNode != null && countryNode.isObject()
							? text(countryNode, "name", "jobLocation.address.addressCountry.name")
							: text(address, "addressCountry", "jobLocation.address.addressCountry");
				}
				else {
					locationText = text(location, "address", "jobLocation.address");
				}
			}
			else if (location != null && location.isString()) {
				locationText = location.asString();
			}
			String remote = null;
			JsonNode locationType = first(node.get("jobLocationType"));
			if (locationType != null && "TELECOMMUTE".equalsIgnoreCase(locationType.asString())) {
				remote = "REMOTE";
			}
			String min = null;
			String max = null;
			String currency = null;
			String period = null;
			JsonNode salary = node.get("baseSalary");
			String salaryText = null;
			if (salary != null && salary.isObject()) {
				currency = text(salary, "currency", "baseSalary.currency");
				JsonNode value = salary.get("value");
				if (value != null && value.isObject()) {
					min = amount(value, "minValue");
					max = amount(value, "maxValue");
					if (min == null && max == null) {
						min = amount(value, "value");
					}
					period = text(value, "unitText", "baseSalary.value.unitText");
				}
				else if (value != null && (value.isNumber() || value.isString())) {
					min = value.asString();
				}
			}
			else if (salary != null && salary.isValueNode()) {
				salaryText = salary.asString();
			}
			JsonNode employment = first(node.get("employmentType"));
			return ParsedRecord.of(new ListingInput(index, externalId, text(node, "title", "title"), company,
					locationText, city, region, country, remote, employment == null ? null : employment.asString(),
					null, min, max, currency, period, salaryText, text(node, "description", "description"),
					text(node, "url", "url"), text(node, "datePosted", "datePosted"),
					text(node, "validThrough", "validThrough"), list(node, "skills", "skills"), List.of()));
		}
		catch (FieldTypeException ex) {
			return ParsedRecord.rejected(index, externalId, ex.field, ex.getMessage());
		}
	}

	private static String identifier(JsonNode node) {
		JsonNode id = node.get("identifier");
		if (id != null && id.isObject()) {
			return text(id, "value", "identifier.value");
		}
		if (id != null && id.isValueNode()) {
			return id.asString();
		}
		return text(node, "url", "url");
	}

	private static String amount(JsonNode value, String name) {
		JsonNode amount = value.get(name);
		if (amount == null || amount.isNull()) {
			return null;
		}
		if (amount.isNumber() || amount.isString()) {
			return amount.asString();
		}
		throw new FieldTypeException("baseSalary.value." + name, "baseSalary.value." + name + " must be a number");
	}

	private static JsonNode first(JsonNode node) {
		if (node != null && node.isArray()) {
			return node.isEmpty() ? null : node.get(0);
		}
		return node;
	}

}
