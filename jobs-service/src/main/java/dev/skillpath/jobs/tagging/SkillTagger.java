package dev.skillpath.jobs.tagging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds roadmap skills in listing text. Terms match on word boundaries that know about
 * {@code C#}, {@code .NET} and {@code Node.js} (so Java never matches inside JavaScript);
 * the longest term at a place wins; and terms that are also everyday words ("go", "rest",
 * "express", "spring") count only when written like a technology and followed by
 * something technical, so "Go, Kotlin" tags Go while "go to our site" does not. Mentions
 * a sentence negates ("no Kafka experience required", "Docker is not needed") do not tag
 * (see {@link Negation}).
 */
public final class SkillTagger {

	/** Everyday words among the roadmap's names and aliases. */
	public static final Set<String> AMBIGUOUS = Set.of("go", "rest", "express", "spring", "gin", "node", "rails",
			"helm", "shell", "terminal", "acid", "velo", "auth", "cache", "scaling", "programming", "coding", "threads",
			"sessions", "cookies", "metrics", "logging", "monitoring", "testing", "databases", "database",
			"documentation", "transactions", "containers", "api");

	/**
	 * Words that, right after an everyday-word term, show it is meant as a technology.
	 */
	private static final Set<String> TECHNICAL_FOLLOWERS = Set.of("api", "apis", "developer", "developers", "engineer",
			"engineers", "experience", "services", "service", "microservices", "framework", "frameworks", "backend",
			"and", "or", "boot", "applications", "application", "apps", "code", "language", "modules", "charts",
			"chart", "scripting", "scripts", "server", "servers", "endpoints", "web", "stack", "principles", "design",
			"interfaces", "skills", "knowledge", "programming", "development", "ecosystem", "runtime", "tooling",
			"pipelines", "compliance", "strategies", "layer", "tests", "tools", "platforms");

	/**
	 * Words that, in a document that shows them in lower case, are everyday words, not
	 * technologies.
	 */
	private static final Set<String> NEEDS_CAPITALS = Set.of("go", "rest", "express", "spring", "gin", "node", "rails",
			"helm", "shell", "terminal", "acid", "velo");

	private static final Pattern NICE_TO_HAVE = Pattern
		.compile("(?i)\\b(nice[- ]to[- ]have|nice to haves|bonus|a plus|is a plus|are a plus|preferred|desirable|"
				+ "good to have|ideally|would be great|not required|optional)\\b");

	private static final Pattern SECTION = Pattern.compile("(?i)^\\W*(requirements|required|must[- ]haves?|"
			+ "you have|you bring|what you need|qualifications|what we('re| are) looking for|responsibilities|"
			+ "about (you|us|the role)|your profile|tech stack|skills|benefits|what we offer|the role|perks)\\b");

	/**
	 * Every {@link #NICE_TO_HAVE} match holds one of these (in lower case): a sentence
	 * with none of them is not searched with the pattern.
	 */
	private static final List<String> NICE_TO_HAVE_WORDS = List.of("nice", "bonus", "plus", "preferred", "desirable",
			"good to have", "ideally", "would be great", "not required", "optional");

	private static final Pattern LINE = Pattern.compile("\\R");

	private final Map<String, List<SkillTerm>> byFirstWord = new HashMap<>();

	private final Map<String, String> exactTerms = new HashMap<>();

	public SkillTagger(Collection<SkillTerm> terms) {
		for (SkillTerm term : terms) {
			this.byFirstWord.computeIfAbsent(firstWord(term.text()), (k) -> new ArrayList<>()).add(term);
			this.exactTerms.putIfAbsent(term.text(), term.skillId());
		}
		this.byFirstWord.values().forEach((list) -> list.sort((a, b) -> b.text().length() - a.text().length()));
	}

	/** Terms for a skill's id, name and aliases; everyday words are marked ambiguous. */
	public static List<SkillTerm> termsOf(String skillId, String name, Collection<String> aliases) {
		Set<String> texts = new LinkedHashSet<>();
		// ids are words too: "tdd", "orm", "rest-apis" as "rest apis"
		texts.add(skillId.replace('-', ' '));
		// "Linux and the terminal", "Agile and Scrum": each part names the skill
		for (String piece : normalise(name).split(" / | and ")) {
			texts.add(piece);
			// "Apache Kafka", "Amazon DynamoDB": postings mostly write the product name
			// alone
			texts.add(piece.replaceFirst("^(apache|amazon|microsoft|google|aws|azure) ", ""));
			// "joomla!" is written "Joomla" in text; "infrastructure as code (terraform)"
			// names Terraform
			texts.add(piece.replaceAll("[^\\p{Alnum}#+]+$", ""));
			java.util.regex.Matcher inner = Pattern.compile("\\(([^)]+)\\)").matcher(piece);
			while (inner.find()) {
				texts.add(inner.group(1).strip());
				texts.add(piece.substring(0, inner.start()).strip());
			}
		}
		aliases.forEach((alias) -> texts.add(normalise(alias)));
		List<SkillTerm> terms = new ArrayList<>();
		for (String text : texts) {
			if (!text.isBlank()) {
				terms.add(new SkillTerm(text, skillId, AMBIGUOUS.contains(text)));
			}
		}
		return terms;
	}

	/**
	 * Tags a listing: explicit skill names as given by the partner, then its title and
	 * text, where sentences and sections that speak of a bonus count as nice to have.
	 */
	public SkillTags tag(String title, String text, Collection<String> explicitRequired,
			Collection<String> explicitNice) {
		Set<String> required = new LinkedHashSet<>();
		Set<String> nice = new LinkedHashSet<>();
		explicitRequired.forEach((name) -> required.addAll(explicit(name)));
		explicitNice.forEach((name) -> nice.addAll(explicit(name)));
		required.addAll(find(title == null ? "" : title));
		boolean niceSection = false;
		for (String line : LINE.split(text == null ? "" : text)) {
			String trimmed = line.strip();
			if (trimmed.isEmpty()) {
				continue;
			}
			String lower = trimmed.toLowerCase(Locale.ROOT);
			boolean lineMentionsNice = mayBeNiceToHave(lower) && NICE_TO_HAVE.matcher(trimmed).find();
			if (isHeading(trimmed, lineMentionsNice)) {
				niceSection = lineMentionsNice;
			}
			// the text one sentence at a time: a sentence ends at '.', '!', '?' or ';'
			// followed by white space
			int start = 0;
			int length = trimmed.length();
			for (int i = 1; i <= length; i++) {
				boolean end = i == length;
				int next = i;
				if (!end && isSpace(trimmed.charAt(i)) && ".!?;".indexOf(trimmed.charAt(i - 1)) >= 0) {
					while (next < length && isSpace(trimmed.charAt(next))) {
						next++;
					}
					end = true;
				}
				if (end) {
					boolean sentenceNice = niceSection || lineMentionsNice
							&& (start == 0 && i == length || NICE_TO_HAVE.matcher(trimmed).region(start, i).find());
					// lower case keeps the length of ASCII text; other text is lowered
					// once more, by sentence
					List<String> found = lower.length() == length
							? scan(lower.substring(start, i), trimmed.substring(start, i), true)
							: find(trimmed.substring(start, i));
					(sentenceNice ? nice : required).addAll(found);
					start = next;
					i = next;
				}
			}
		}
		nice.removeAll(required);
		return new SkillTags(List.copyOf(required), List.copyOf(nice));
	}

	/**
	 * Skills named by one explicit entry: a whole term, else the terms inside it,
	 * everyday words included.
	 */
	private List<String> explicit(String name) {
		String key = normalise(name);
		String exact = this.exactTerms.get(key);
		if (exact != null) {
			return List.of(exact);
		}
		return scan(key, key, false);
	}

	/** Skill ids named in {@code text}, in order of appearance. */
	public List<String> find(String text) {
		return scan(text.toLowerCase(Locale.ROOT), text, true);
	}

	/**
	 * Skill ids named in {@code lower}; when {@code strict}, everyday words only when
	 * written as technologies, and mentions the text negates left out.
	 */
	private List<String> scan(String lower, String original, boolean strict) {
		int length = lower.length();
		int count = 0;
		int[] starts = new int[4];
		int[] ends = new int[4];
		String[] ids = new String[4];
		int i = 0;
		while (i < length) {
			if (!startsToken(lower, i)) {
				i++;
				continue;
			}
			int matchedEnd = -1;
			List<SkillTerm> candidates = this.byFirstWord.get(wordAt(lower, i));
			if (candidates != null) {
				for (SkillTerm term : candidates) {
					int end = i + term.text().length();
					if (lower.startsWith(term.text(), i) && endsToken(lower, end)
							&& (!strict || !term.ambiguous() || technical(lower, original, i, end))) {
						if (count == ids.length) {
							starts = Arrays.copyOf(starts, count * 2);
							ends = Arrays.copyOf(ends, count * 2);
							ids = Arrays.copyOf(ids, count * 2);
						}
						starts[count] = i;
						ends[count] = end;
						ids[count++] = term.skillId();
						matchedEnd = end;
						break;
					}
				}
			}
			i = matchedEnd > 0 ? matchedEnd : i + 1;
		}
		boolean[] negated = strict && count > 0 && Negation.mayNegate(lower)
				? Negation.negated(lower, starts, ends, count) : null;
		List<String> found = new ArrayList<>();
		for (int m = 0; m < count; m++) {
			if ((negated == null || !negated[m]) && !found.contains(ids[m])) {
				found.add(ids[m]);
			}
		}
		return found;
	}

	/**
	 * An everyday-word term written as a technology: capitalised (in mixed-case text) and
	 * followed by a technical word or list punctuation.
	 */
	private static boolean technical(String lower, String original, int start, int end) {
		String written = original.substring(start, end);
		if (NEEDS_CAPITALS.contains(lower.substring(start, end)) && written.equals(written.toLowerCase(Locale.ROOT))) {
			return false;
		}
		int next = end;
		while (next < lower.length() && lower.charAt(next) == ' ') {
			next++;
		}
		if (next >= lower.length()) {
			return true;
		}
		char c = lower.charAt(next);
		if (",/;)(&+:".indexOf(c) >= 0 || c == '.' && (next + 1 >= lower.length() || lower.charAt(next + 1) == ' ')) {
			return true;
		}
		String word = wordAt(lower, next);
		return TECHNICAL_FOLLOWERS.contains(word);
	}

	/**
	 * A line that opens a section: ends with a colon, or is a short line naming what
	 * follows.
	 */
	private static boolean isHeading(String line, boolean mentionsNice) {
		if (line.length() > 80) {
			return false;
		}
		return line.endsWith(":")
				|| words(line) <= 6 && !line.endsWith(".") && (mentionsNice || SECTION.matcher(line).lookingAt());
	}

	/**
	 * Whether {@code lower} holds any of the words every nice-to-have phrase holds (a
	 * cheap test before the pattern).
	 */
	private static boolean mayBeNiceToHave(String lower) {
		for (String word : NICE_TO_HAVE_WORDS) {
			if (lower.contains(word)) {
				return true;
			}
		}
		return false;
	}

	/** Words of a stripped line, as {@code line.split("\\s+").length} counts them. */
	private static int words(String line) {
		int words = 0;
		boolean inWord = false;
		for (int i = 0; i < line.length(); i++) {
			boolean space = isSpace(line.charAt(i));
			if (!space && !inWord) {
				words++;
			}
			inWord = !space;
		}
		return words;
	}

	/** White space as {@code \\s} means it (ASCII). */
	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
	}

	/**
	 * A token starts at a letter or digit not preceded by one, or at a dot that begins
	 * ".net".
	 */
	private static boolean startsToken(String s, int i) {
		char c = s.charAt(i);
		boolean previousIsWord = i > 0 && Character.isLetterOrDigit(s.charAt(i - 1));
		if (Character.isLetterOrDigit(c)) {
			return !previousIsWord;
		}
		return c == '.' && !previousIsWord && i + 1 < s.length() && Character.isLetter(s.charAt(i + 1));
	}

	/**
	 * A term ends where no letter, digit, '#' or '+' follows, and not inside a dotted
	 * name like "node.js".
	 */
	private static boolean endsToken(String s, int end) {
		if (end >= s.length()) {
			return true;
		}
		char c = s.charAt(end);
		if (Character.isLetterOrDigit(c) || c == '#' || c == '+') {
			return false;
		}
		return !(c == '.' && end + 1 < s.length() && Character.isLetterOrDigit(s.charAt(end + 1)));
	}

	private static String wordAt(String s, int i) {
		int j = i;
		if (j < s.length() && s.charAt(j) == '.') {
			j++;
		}
		while (j < s.length() && Character.isLetterOrDigit(s.charAt(j))) {
			j++;
		}
		return s.substring(i, j);
	}

	private static String firstWord(String term) {
		return wordAt(term, 0);
	}

	static String normalise(String text) {
		return text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
	}

}
