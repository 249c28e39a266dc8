package dev.skillpath.jobs.ingest;

import java.io.InputStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.skillpath.jobs.normalise.ListingInput;
import dev.skillpath.support.error.ApiException;

/**
 * Indeed-style XML ({@code <source><job><title>...</title>...</job></source>}), read as a
 * stream (StAX): one {@code <job>} at a time is held in memory. Documents with a DTD are
 * refused before any entity could be expanded, which stops XXE and billion-laughs bodies.
 */
public final class IndeedXmlFormat {

	private static final XMLInputFactory FACTORY = safeFactory();

	private IndeedXmlFormat() {
	}

	public static XMLInputFactory safeFactory() {
		XMLInputFactory factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
		factory.setProperty(XMLInputFactory.IS_COALESCING, true);
		return factory;
	}

	/**
	 * Reads every {@code <job>} and hands each record to {@code sink}; {@code maxRecords}
	 * more than allowed stops the stream with PAYLOAD_TOO_LARGE.
	 */
	public static void read(InputStream body, int maxRecords, Consumer<ParsedRecord> sink) {
		XMLStreamReader reader = null;
		try {
			reader = FACTORY.createXMLStreamReader(body);
			int index = 0;
			boolean sawRoot = false;
			while (reader.hasNext()) {
				int event = reader.next();
				if (event == XMLStreamConstants.DTD) {
					throw ApiException.badUserInput("XML with a DTD (<!DOCTYPE>) is not accepted",
							Map.of("field", "body"));
				}
				if (event == XMLStreamConstants.ENTITY_REFERENCE) {
					throw ApiException.badUserInput("XML entity references are not accepted", Map.of("field", "body"));
				}
				if (event != XMLStreamConstants.START_ELEMENT) {
					continue;
				}
				if (!sawRoot) {
					sawRoot = true;
					if (!reader.getLocalName().equals("source") && !reader.getLocalName().equals("jobs")) {
						throw ApiException.badUserInput(
								"The XML root element must be <source>, was <" + reader.getLocalName() + ">",
								Map.of("field", "body"));
					}
					continue;
				}
				if (reader.getLocalName().equals("job")) {
					if (index >= maxRecords) {
						throw PushLimits.tooManyRecords(maxRecords);
					}
					sink.accept(job(reader, index++));
				}
			}
		}
		catch (XMLStreamException ex) {
			throw ApiException.badUserInput("Malformed XML: " + firstLine(ex.getMessage()), Map.of("field", "body"));
		}
		finally {
			if (reader != null) {
				try {
					reader.close();
				}
				catch (XMLStreamException ex) {
					// nothing left to read; closing is best effort
				}
			}
		}
	}

	/** The children of one {@code <job>} as name → text, until its end tag. */
	private static ParsedRecord job(XMLStreamReader reader, int index) throws XMLStreamException {
		Map<String, String> fields = new HashMap<>();
		int depth = 1;
		String current = null;
		StringBuilder text = new StringBuilder();
		while (depth > 0 && reader.hasNext()) {
			int event = reader.next();
			switch (event) {
				case XMLStreamConstants.START_ELEMENT -> {
					depth++;
					if (depth == 2) {
						current = reader.getLocalName().toLowerCase(Locale.ROOT);
						text.setLength(0);
					}
				}
				case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
					if (depth >= 2) {
						text.append(reader.getText());
					}
				}
				case XMLStreamConstants.ENTITY_REFERENCE ->
					throw ApiException.badUserInput("XML entity references are not accepted", Map.of("field", "body"));
				case XMLStreamConstants.END_ELEMENT -> {
					if (depth == 2 && current != null) {
						fields.put(current, text.toString().strip());
						current = null;
					}
					depth--;
				}
				default -> {
				}
			}
		}
		String externalId = first(fields, "referencenumber", "id", "externalid");
		try {
			return ParsedRecord.of(new ListingInput(index, externalId, fields.get("title"), fields.get("company"), null,
					fields.get("city"), fields.get("state"), fields.get("country"),
					remote(first(fields, "remotetype", "remote")), fields.get("jobtype"),
					first(fields, "experience", "seniority"), null, null, null, null, fields.get("salary"),
					fields.get("description"), fields.get("url"), date(fields.get("date"), "date"),
					date(fields.get("expirationdate"), "expirationdate"), skills(fields.get("skills")), List.of()));
		}
		catch (FieldTypeException ex) {
			return ParsedRecord.rejected(index, externalId, ex.field, ex.getMessage());
		}
	}

	/**
	 * Indeed writes dates like "Fri, 10 Dec 2021 22:49:39 GMT"; ISO dates pass through.
	 */
	private static String date(String value, String field) {
		if (value == null || value.isBlank() || Character.isDigit(value.charAt(0))) {
			return value;
		}
		try {
			return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toOffsetDateTime().toString();
		}
		catch (DateTimeParseException ex) {
			throw new FieldTypeException(field, field + " must be an RFC 1123 or ISO-8601 date, was '" + value + "'");
		}
	}

	private static String remote(String value) {
		if (value == null) {
			return null;
		}
		String lower = value.toLowerCase(Locale.ROOT);
		if (lower.contains("hybrid")) {
			return "HYBRID";
		}
		return lower.contains("remote") ? "REMOTE" : value;
	}

	private static List<String> skills(String value) {
		List<String> skills = new ArrayList<>();
		if (value != null) {
			for (String part : value.split("[,;]")) {
				if (!part.isBlank()) {
					skills.add(part.strip());
				}
			}
		}
		return skills;
	}

	private static String first(Map<String, String> fields, String... names) {
		for (String name : names) {
			String value = fields.get(name);
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable document";
		}
		String line = message.replaceAll("\\s+", " ").strip();
		return line.length() > 200 ? line.substring(0, 200) : line;
	}

}
