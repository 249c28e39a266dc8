package dev.skillpath.jobs.normalise;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns "Austin, TX", "Berlin, Germany", "London, UK (Hybrid)" or "Remote - US" into
 * city, region and ISO country. Country names come from the JDK's ISO list in English
 * plus common short forms; a two-letter last part is a US state or Canadian province
 * before it is a country, unless the city is a well-known one elsewhere.
 */
public final class LocationParser {

	private static final java.util.regex.Pattern WORK_MODE = java.util.regex.Pattern
		.compile("(?i)\\(?\\b(remote|hybrid|on-?site|anywhere|work from home|wfh)\\b\\)?");

	private static final java.util.regex.Pattern EDGES = java.util.regex.Pattern
		.compile("^[\\s\\-–—/|,]+|[\\s\\-–—/|,]+$");

	private static final java.util.regex.Pattern PARTS = java.util.regex.Pattern.compile("\\s*[,|/]\\s*|\\s+[-–—]\\s+");

	private static final java.util.regex.Pattern REMOTE = java.util.regex.Pattern
		.compile("\\b(remote|anywhere|work from home|wfh|telecommute)\\b");

	private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}");

	private static final java.util.regex.Pattern NOT_ALNUM = java.util.regex.Pattern.compile("[^a-z0-9]+");

	private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

	private static final Map<String, String> COUNTRIES = new HashMap<>();

	private static final Set<String> US_STATES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA",
			"HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
			"NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA",
			"WA", "WV", "WI", "WY", "DC");

	private static final Set<String> CA_PROVINCES = Set.of("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE",
			"QC", "SK", "YT");

	/** Well-known cities, so that "Berlin" or "Berlin, DE" do not become Delaware. */
	private static final Map<String, String> CITIES = Map.ofEntries(Map.entry("berlin", "DE"),
			Map.entry("munich", "DE"), Map.entry("hamburg", "DE"), Map.entry("frankfurt", "DE"),
			Map.entry("london", "GB"), Map.entry("manchester", "GB"), Map.entry("edinburgh", "GB"),
			Map.entry("paris", "FR"), Map.entry("amsterdam", "NL"), Map.entry("dublin", "IE"),
			Map.entry("madrid", "ES"), Map.entry("barcelona", "ES"), Map.entry("lisbon", "PT"),
			Map.entry("stockholm", "SE"), Map.entry("warsaw", "PL"), Map.entry("zurich", "CH"),
			Map.entry("vienna", "AT"), Map.entry("toronto", "CA"), Map.entry("vancouver", "CA"),
			Map.entry("montreal", "CA"), Map.entry("bangalore", "IN"), Map.entry("bengaluru", "IN"),
			Map.entry("sydney", "AU"), Map.entry("melbourne", "AU"), Map.entry("singapore", "SG"),
			Map.entry("tokyo", "JP"), Map.entry("new york", "US"), Map.entry("san francisco", "US"),
			Map.entry("seattle", "US"), Map.entry("austin", "US"), Map.entry("boston", "US"),
			Map.entry("chicago", "US"));

	static {
		for (String iso : Locale.getISOCountries()) {
			Locale locale = new Locale("", iso);
			COUNTRIES.put(key(locale.getDisplayCountry(Locale.ENGLISH)), iso);
			COUNTRIES.put(key(iso), iso);
			try {
				COUNTRIES.put(key(locale.getISO3Country()), iso);
			}
			catch (java.util.MissingResourceException ex) {
				// no alpha-3 code known for this country: the name and alpha-2 code still
				// match
			}
		}
		Map.ofEntries(Map.entry("usa", "US"), Map.entry("u s", "US"), Map.entry("u s a", "US"),
				Map.entry("united states of america", "US"), Map.entry("america", "US"), Map.entry("uk", "GB"),
				Map.entry("u k", "GB"), Map.entry("great britain", "GB"), Map.entry("england", "GB"),
				Map.entry("scotland", "GB"), Map.entry("wales", "GB"), Map.entry("deutschland", "DE"),
				Map.entry("espana", "ES"), Map.entry("holland", "NL"), Map.entry("the netherlands", "NL"),
				Map.entry("schweiz", "CH"), Map.entry("osterreich", "AT"), Map.entry("czech republic", "CZ"),
				Map.entry("south korea", "KR"), Map.entry("korea", "KR"), Map.entry("russia", "RU"),
				Map.entry("vietnam", "VN"), Map.entry("turkey", "TR"), Map.entry("uae", "AE"))
			.forEach(COUNTRIES::put);
	}

	private LocationParser() {
	}

	/** Parses explicit fields when given, else the location text. */
	public static ParsedLocation parse(String text, String city, String region, String country) {
		String remoteHint = remoteHint(text);
		if (blank(city) && blank(region) && blank(country)) {
			return fromText(text, remoteHint);
		}
		String iso = blank(country) ? null : COUNTRIES.get(key(country));
		String cityName = clean(city);
		if (iso == null && cityName != null) {
			iso = CITIES.get(key(cityName));
		}
		if (iso == null && !blank(region) && US_STATES.contains(region.trim().toUpperCase(Locale.ROOT))) {
			iso = "US";
		}
		return new ParsedLocation(cityName, clean(region), iso, remoteHint);
	}

	/** The ISO code for a country as written, or null. */
	public static String country(String written) {
		return blank(written) ? null : COUNTRIES.get(key(written));
	}

	private static ParsedLocation fromText(String text, String remoteHint) {
		if (blank(text)) {
			return new ParsedLocation(null, null, null, remoteHint);
		}
		String stripped = EDGES.matcher(WORK_MODE.matcher(text).replaceAll(" ")).replaceAll("");
		List<String> parts = new ArrayList<>();
		for (String part : PARTS.split(stripped)) {
			if (!part.isBlank()) {
				parts.add(part.trim());
			}
		}
		if (parts.isEmpty()) {
			return new ParsedLocation(null, null, null, remoteHint);
		}
		String last = parts.get(parts.size() - 1);
		String upper = last.toUpperCase(Locale.ROOT);
		String firstCountry = CITIES.get(key(parts.get(0)));
		if (parts.size() == 1) {
			String iso = COUNTRIES.get(key(last));
			if (iso != null && firstCountry == null) {
				return new ParsedLocation(null, null, iso, remoteHint);
			}
			return new ParsedLocation(clean(last), null, firstCountry, remoteHint);
		}
		String city = clean(parts.get(0));
		if (parts.size() == 2 && last.length() == 2 && firstCountry == null
				&& (US_STATES.contains(upper) || CA_PROVINCES.contains(upper))) {
			return new ParsedLocation(city, upper, US_STATES.contains(upper) ? "US" : "CA", remoteHint);
		}
		String iso = COUNTRIES.get(key(last));
		if (iso != null) {
			String region = parts.size() >= 3 ? clean(parts.get(parts.size() - 2)) : null;
			return new ParsedLocation(city, region, iso, remoteHint);
		}
		// "Austin, Texas" or "Toronto, Ontario": no country written
		return new ParsedLocation(city, clean(last), firstCountry, remoteHint);
	}

	private static String remoteHint(String text) {
		if (blank(text)) {
			return null;
		}
		String lower = text.toLowerCase(Locale.ROOT);
		if (lower.contains("hybrid")) {
			return "HYBRID";
		}
		if (REMOTE.matcher(lower).find()) {
			return "REMOTE";
		}
		return null;
	}

	static String key(String text) {
		String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
		return NOT_ALNUM.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
	}

	private static String clean(String value) {
		return blank(value) ? null : SPACES.matcher(value.trim()).replaceAll(" ");
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
