package dev.skillpath.jobs.normalise;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Titles and company names as people would write them, and the keys that compare them.
 */
public final class TextCleanup {

	private static final Pattern GENDER_MARKERS = Pattern.compile(
			"(?i)\\s*[(\\[]\\s*(m\\s*/\\s*[fwd]\\s*/\\s*[dxfw]|[fwd]\\s*/\\s*m\\s*/\\s*[dx]|all genders|w\\s*/\\s*m\\s*/\\s*d|"
					+ "h\\s*/\\s*f|m\\s*/\\s*f)\\s*[)\\]]");

	private static final Pattern NOISE = Pattern
		.compile("(?i)^\\s*(urgent(ly)?|hiring|now hiring|we'?re hiring|job|new)\\s*[:!\\-–—]+\\s*|"
				+ "\\s*[\\-–—|]\\s*(urgent|apply now|immediate start)\\s*$|[!*★]+|\\s*[(\\[](remote|hybrid|on-?site)[)\\]]|"
				+ "\\s+[\\-–—|]\\s+(remote|hybrid|on-?site)\\s*$");

	private static final Pattern LEGAL_SUFFIX = Pattern.compile(
			"(?i)\\b(inc|incorporated|llc|l l c|ltd|limited|gmbh|ag|sa|s a|sas|sarl|srl|bv|b v|nv|plc|corp|corporation|co|"
					+ "company|oy|ab|as|pty|kg|se|spa|s p a|sl|slu|s l|ltda|kk)\\b");

	private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");

	private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\s\\-–—:|,]+|[\\s\\-–—:|,]+$");

	private static final Pattern SHOUTING = Pattern.compile("[A-Z]{4,}");

	private static final Pattern MARKS = Pattern.compile("\\p{M}");

	private static final Pattern NOT_KEY = Pattern.compile("[^a-z0-9#+.]+");

	private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");

	private TextCleanup() {
	}

	public static String title(String raw) {
		String title = GENDER_MARKERS.matcher(raw).replaceAll("");
		// noise can hide noise ("- Remote!!!"): strip until nothing changes
		for (String previous = null; !title.equals(previous);) {
			previous = title;
			title = NOISE.matcher(title).replaceAll(" ").strip();
		}
		title = EDGE_PUNCTUATION.matcher(collapse(title)).replaceAll("");
		if (title.length() > 4 && title.equals(title.toUpperCase(Locale.ROOT)) && SHOUTING.matcher(title).find()) {
			title = capitaliseWords(title);
		}
		return title;
	}

	public static String company(String raw) {
		String company = collapse(raw).replaceAll("[\\s,;]+$", "").replaceAll("^[\"'“”]+|[\"'“”]+$", "").strip();
		return company;
	}

	/**
	 * Lowercase, accents folded, legal form and punctuation dropped: "ACME GmbH" and
	 * "Acme" compare equal.
	 */
	public static String companyKey(String company) {
		String key = NOT_ALNUM.matcher(fold(company)).replaceAll(" ");
		return collapse(LEGAL_SUFFIX.matcher(key).replaceAll(" "));
	}

	/** Lowercase, accents and punctuation folded, for fingerprints. */
	public static String fold(String text) {
		String folded = MARKS.matcher(Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD))
			.replaceAll("");
		return collapse(NOT_KEY.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll(" "));
	}

	/** Whether the text holds U+0000, which PostgreSQL cannot store in text or jsonb. */
	public static boolean hasNul(String text) {
		return text != null && text.indexOf('\u0000') >= 0;
	}

	/**
	 * The text with each U+0000 shown as U+FFFD, for echoing what a partner sent (an
	 * external id in an ingestion report, which is stored) when the record itself is
	 * refused for the NUL.
	 */
	public static String withoutNul(String text) {
		return hasNul(text) ? text.replace('\u0000', '\uFFFD') : text;
	}

	public static String collapse(String text) {
		return SPACES.matcher(text).replaceAll(" ").strip();
	}

	private static String capitaliseWords(String text) {
		StringBuilder out = new StringBuilder();
		for (String word : text.split(" ")) {
			if (!out.isEmpty()) {
				out.append(' ');
			}
			// short all-caps words are usually acronyms (API, AWS, QA)
			out.append(word.length() <= 3 ? word : word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT));
		}
		return out.toString();
	}

}
