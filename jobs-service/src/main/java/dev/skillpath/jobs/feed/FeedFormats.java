package dev.skillpath.jobs.feed;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.skillpath.jobs.ingest.IndeedXmlFormat;
import dev.skillpath.jobs.ingest.JsonLdFormat;
import dev.skillpath.jobs.ingest.ParsedRecord;
import dev.skillpath.jobs.normalise.ListingInput;
import dev.skillpath.support.error.ApiException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads the four kinds of pulled feeds into records: Greenhouse job-board JSON, Lever
 * postings JSON, RSS/Atom items (with schema.org JobPosting JSON-LD inside when they
 * carry it), and Indeed-style XML.
 */
@Component
public class FeedFormats {

	private static final XMLInputFactory XML = IndeedXmlFormat.safeFactory();

	private final JsonMapper json;

	public FeedFormats(JsonMapper json) {
		this.json = json;
	}

	public List<ParsedRecord> parse(Feed feed, byte[] body, int maxRecords) {
		return switch (feed.kind()) {
			case "GREENHOUSE" -> greenhouse(feed, this.json.readTree(body));
			case "LEVER" -> lever(feed, this.json.readTree(body));
			case "RSS" -> rss(feed, body);
			default -> {
				List<ParsedRecord> records = new ArrayList<>();
				IndeedXmlFormat.read(new ByteArrayInputStream(body), maxRecords, records::add);
				yield records;
			}
		};
	}

	/**
	 * {@code {"jobs": [{id, title, location: {name}, absolute_url, content (escaped
	 * HTML), updated_at}]}}.
	 */
	private List<ParsedRecord> greenhouse(Feed feed, JsonNode root) {
		List<ParsedRecord> records = new ArrayList<>();
		int index = 0;
		for (JsonNode job : root.path("jobs")) {
			String content = text(job, "content");
			records.add(ParsedRecord.of(new ListingInput(index++, text(job, "id"), text(job, "title"),
					job.hasNonNull("company_name") ? text(job, "company_name") : feed.company(),
					job.path("location").path("name").asString(null), null, null, null, null, null, null, null, null,
					null, null, null, content == null ? null : Parser.unescapeEntities(content, false),
					text(job, "absolute_url"), firstNonNull(text(job, "first_published"), text(job, "updated_at")),
					null, List.of(), List.of())));
		}
		return records;
	}

	/**
	 * {@code [{id, text, hostedUrl, createdAt (ms), categories: {location, commitment},
	 * workplaceType, description, lists, salaryRange}]}.
	 */
	private List<ParsedRecord> lever(Feed feed, JsonNode root) {
		List<ParsedRecord> records = new ArrayList<>();
		int index = 0;
		for (JsonNode posting : root) {
			StringBuilder description = new StringBuilder(posting.path("description").asString(""));
			for (JsonNode list : posting.path("lists")) {
				description.append("<h3>")
					.append(list.path("text").asString(""))
					.append("</h3><ul>")
					.append(list.path("content").asString(""))
					.append("</ul>");
			}
			description.append(posting.path("additional").asString(""));
			JsonNode salary = posting.path("salaryRange");
			String period = salary.path("interval").asString("").contains("hour") ? "HOUR"
					: salary.path("interval").asString("").contains("month") ? "MONTH" : "YEAR";
			String created = posting.path("createdAt").isNumber()
					? Instant.ofEpochMilli(posting.path("createdAt").asLong()).toString() : null;
			records.add(ParsedRecord.of(new ListingInput(index++, text(posting, "id"), text(posting, "text"),
					feed.company(), posting.path("categories").path("location").asString(null), null, null, null,
					workplace(posting.path("workplaceType").asString(null)),
					posting.path("categories").path("commitment").asString(null), null,
					salary.isObject() ? salary.path("min").asString(null) : null,
					salary.isObject() ? salary.path("max").asString(null) : null,
					salary.isObject() ? salary.path("currency").asString(null) : null,
					salary.isObject() ? period : null, null, description.toString(), text(posting, "hostedUrl"),
					created, null, List.of(), List.of())));
		}
		return records;
	}

	private static String workplace(String type) {
		if (type == null || type.equals("unspecified")) {
			return null;
		}
		return type;
	}

	/**
	 * RSS 2.0 items or Atom entries; JSON-LD JobPosting inside an item wins over the
	 * item's own fields.
	 */
	private List<ParsedRecord> rss(Feed feed, byte[] body) {
		List<ParsedRecord> records = new ArrayList<>();
		XMLStreamReader reader = null;
		try {
			reader = XML.createXMLStreamReader(new ByteArrayInputStream(body));
			Map<String, String> item = null;
			String field = null;
			StringBuilder text = new StringBuilder();
			while (reader.hasNext()) {
				int event = reader.next();
				if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
					throw ApiException.badUserInput("Feed XML with a DTD or entity references is not accepted");
				}
				if (event == XMLStreamConstants.START_ELEMENT) {
					String name = reader.getLocalName();
					if (name.equals("item") || name.equals("entry")) {
						item = new HashMap<>();
					}
					else if (item != null) {
						field = name.toLowerCase(Locale.ROOT);
						text.setLength(0);
						if (field.equals("link") && reader.getAttributeValue(null, "href") != null) {
							item.put("link", reader.getAttributeValue(null, "href"));
						}
					}
				}
				else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)
						&& field != null) {
					text.append(reader.getText());
				}
				else if (event == XMLStreamConstants.END_ELEMENT) {
					String name = reader.getLocalName();
					if ((name.equals("item") || name.equals("entry")) && item != null) {
						records.add(rssItem(feed, records.size(), item));
						item = null;
					}
					else if (item != null && field != null) {
						item.merge(field, text.toString().strip(), (a, b) -> b.isEmpty() ? a : b);
						field = null;
					}
				}
			}
		}
		catch (XMLStreamException ex) {
			throw ApiException.badUserInput("Malformed feed XML: " + ex.getMessage().replaceAll("\\s+", " "));
		}
		finally {
			try {
				if (reader != null) {
					reader.close();
				}
			}
			catch (XMLStreamException ex) {
				// closing a finished reader is best effort
			}
		}
		return records;
	}

	private ParsedRecord rssItem(Feed feed, int index, Map<String, String> item) {
		String html = firstNonNull(item.get("encoded"), item.get("content"), item.get("description"),
				item.get("summary"));
		if (html != null) {
			for (Element script : Jsoup.parse(html).select("script[type=application/ld+json]")) {
				JsonNode node = this.json.readTree(script.data());
				List<JsonNode> postings = JsonLdFormat.records(node);
				if (!postings.isEmpty()) {
					ParsedRecord record = JsonLdFormat.read(index, postings.get(0));
					if (record.input() != null && record.input().company() == null) {
						ListingInput in = record.input();
						return ParsedRecord.of(new ListingInput(in.index(), in.externalId(), in.title(), feed.company(),
								in.locationText(), in.city(), in.region(), in.country(), in.remote(),
								in.employmentType(), in.seniority(), in.salaryMin(), in.salaryMax(),
								in.salaryCurrency(), in.salaryPeriod(), in.salaryText(), in.description(), in.url(),
								in.postedAt(), in.validThrough(), in.skills(), in.niceToHaveSkills()));
					}
					return record;
				}
			}
		}
		// scripts and the like go when the description is sanitised
		String description = html;
		return ParsedRecord.of(new ListingInput(index, firstNonNull(item.get("guid"), item.get("id"), item.get("link")),
				item.get("title"), feed.company(), null, null, null, null, null, null, null, null, null, null, null,
				null, description, item.get("link"),
				date(firstNonNull(item.get("pubdate"), item.get("published"), item.get("updated"))), null, List.of(),
				List.of()));
	}

	private static String date(String value) {
		if (value == null || value.isEmpty() || Character.isDigit(value.charAt(0))) {
			return value;
		}
		try {
			return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toOffsetDateTime().toString();
		}
		catch (java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

	private static String text(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
	}

	@SafeVarargs
	private static <T> T firstNonNull(T... values) {
		for (T value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

}
