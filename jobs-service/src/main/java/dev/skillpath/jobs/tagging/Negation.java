package dev.skillpath.jobs.tagging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the skill mentions that a sentence negates, so that tagging skips them: "no Kafka
 * experience required", "without Docker", "you don't need to know Go", "Kubernetes is not
 * needed", "Java, not PHP". A negation reaches only the phrase next to it: between the
 * negating word and the skill there may be only a few filler words ("no prior experience
 * with"), other skills of the same list ("no Java, Go or PHP") and version numbers. Any
 * other word or mark ends it (except one item of a choice: "no Windows or .NET
 * experience"), so "no prior experience required; you will learn Go" and "we deploy
 * without downtime on Kubernetes" still tag Go and Kubernetes. "Not required" followed by
 * praise ("but a plus", "though nice to have") is a nice-to-have, not a negation.
 */
final class Negation {

	/** Words that negate the skills right after them. */
	private static final Set<String> BEFORE = Set.of("no", "without", "neither", "nor", "not", "never", "don't", "dont",
			"doesn't", "doesnt", "didn't", "won't", "needn't");

	/** Words that may stand between a negating word and the skills it negates. */
	private static final Set<String> BEFORE_FILLERS = Set.of("any", "prior", "previous", "professional", "commercial",
			"formal", "production", "hands-on", "deep", "advanced", "extensive", "much", "particular", "specific",
			"in-depth", "real-world", "experience", "knowledge", "skills", "skill", "background", "expertise",
			"familiarity", "understanding", "exposure", "proficiency", "of", "with", "in", "on", "the", "a", "an",
			"need", "needs", "needing", "require", "requires", "requiring", "expect", "expecting", "looking", "asking",
			"use", "know", "knowing", "work", "working", "to", "for", "have", "be", "familiar", "expert");

	/** Marks of a choice: a negated choice denies each of its items. */
	private static final Set<String> ALTERNATIVES = Set.of("or", "nor", "/");

	/** Skill lists: "Java, Go or PHP", "C#/.NET". */
	private static final Set<String> LIST = Set.of(",", "/", "&", "+", "and", "or", "nor");

	/**
	 * Words that may follow skills before a negated "needed": "Go experience is not...".
	 */
	private static final Set<String> AFTER_FILLERS = Set.of("experience", "knowledge", "skills", "skill", "background",
			"expertise", "familiarity", "proficiency", "exposure", "certification", "certifications");

	/** Verbs and adverbs around "not": "is not", "will not be", "is strictly not". */
	private static final Set<String> AUXILIARIES = Set.of("is", "are", "was", "were", "be", "will", "would", "strictly",
			"really", "absolutely", "necessarily", "also");

	private static final Set<String> SINGULAR = Set.of("is", "was", "isn't", "wasn't");

	private static final Set<String> NEGATED_AUXILIARIES = Set.of("isn't", "aren't", "wasn't", "weren't", "won't");

	/** What "not" may deny about the skills before it: "not needed", "not a must". */
	private static final Set<String> NOT_WHAT = Set.of("needed", "required", "necessary", "mandatory", "essential",
			"expected", "compulsory", "obligatory", "relevant", "important", "used", "part", "a");

	private static final Set<String> NOT_A_WHAT = Set.of("requirement", "must", "prerequisite", "necessity");

	/** Words that deny need on their own: "Docker is unnecessary". */
	private static final Set<String> UNNEEDED = Set.of("unnecessary", "unneeded", "irrelevant");

	/** Words between "not required" and the praise that makes it a nice-to-have. */
	private static final Set<String> BEFORE_PRAISE = Set.of(",", "but", "though", "although", "it", "it's", "is",
			"would", "be", "will", "definitely", "very", "really", "still", "a", "an", "big", "huge", "strong",
			"considered", "seen", "as", "at", "all");

	private static final Set<String> PRAISE = Set.of("plus", "bonus", "nice", "preferred", "desirable", "helpful",
			"advantage", "advantageous", "beneficial", "welcome", "appreciated", "useful", "great", "good", "asset");

	/** The longest walk from a skill to the word that negates it. */
	private static final int REACH = 12;

	private Negation() {
	}

	/**
	 * Whether lower-case {@code text} holds a word that may negate (a cheap test before
	 * the real one: most sentences hold none).
	 */
	static boolean mayNegate(String text) {
		if (text.contains("n't") || text.contains("n\u2019t") || text.contains("without") || text.contains("never")
				|| text.contains("neither") || text.contains("unne") || text.contains("irrelevant")) {
			return true;
		}
		// "no", "not" or "nor" as a word, not inside "node" or "know"
		int length = text.length();
		for (int i = text.indexOf("no"); i >= 0; i = text.indexOf("no", i + 1)) {
			if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
				continue;
			}
			int end = i + 2;
			if (end < length && (text.charAt(end) == 't' || text.charAt(end) == 'r')) {
				end++;
			}
			if (end >= length || !Character.isLetterOrDigit(text.charAt(end))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Which of the mentions in lower-case {@code text} (their offsets, in order and not
	 * overlapping) the text negates.
	 */
	static boolean[] negated(String text, int[] starts, int[] ends, int count) {
		List<String> tokens = new ArrayList<>();
		// the token index of each mention; a mention's token is null
		int[] at = new int[count];
		int next = 0;
		int i = 0;
		int length = text.length();
		while (i < length) {
			if (next < count && i == starts[next]) {
				at[next] = tokens.size();
				tokens.add(null);
				i = ends[next++];
				continue;
			}
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
				continue;
			}
			if (!Character.isLetterOrDigit(c)) {
				tokens.add(String.valueOf(c));
				i++;
				continue;
			}
			int end = i + 1;
			int stop = next < count ? starts[next] : length;
			while (end < stop && (Character.isLetterOrDigit(text.charAt(end)) || inWord(text, end, stop))) {
				end++;
			}
			tokens.add(text.substring(i, end).replace('\u2019', '\''));
			i = end;
		}
		boolean[] negated = new boolean[count];
		for (int m = 0; m < count; m++) {
			negated[m] = negatedBefore(tokens, at[m]) || negatedAfter(tokens, at[m]);
		}
		return negated;
	}

	/**
	 * An apostrophe, hyphen or dot between letters or digits: "don't", "hands-on", "2.7".
	 */
	private static boolean inWord(String text, int i, int stop) {
		char c = text.charAt(i);
		return (c == '\'' || c == '\u2019' || c == '-' || c == '.') && i + 1 < stop
				&& Character.isLetterOrDigit(text.charAt(i + 1));
	}

	/** "no [fillers] X", "without X", "no Java, X": a negating word before the skill. */
	private static boolean negatedBefore(List<String> tokens, int skill) {
		int i = skill - 1;
		int floor = Math.max(0, skill - REACH);
		// first the list the skill is part of, then the fillers before the list
		boolean other = false;
		while (i >= floor) {
			if ("nor".equals(tokens.get(i))) {
				return true;
			}
			if (isSkill(tokens, i) || in(LIST, tokens, i) || isNumber(tokens.get(i))) {
				i--;
			}
			else if (!other && i + 1 < skill && in(ALTERNATIVES, tokens, i + 1) && i > floor
					&& (in(BEFORE, tokens, i - 1) || in(BEFORE_FILLERS, tokens, i - 1))) {
				// one item that is no skill: "no Windows or .NET experience"
				other = true;
				i--;
			}
			else {
				break;
			}
		}
		while (i >= floor && in(BEFORE_FILLERS, tokens, i)) {
			i--;
		}
		return i >= floor && in(BEFORE, tokens, i);
	}

	/**
	 * "X is not needed", "X experience isn't required", "X (not required)": a denial of
	 * need after the skill.
	 */
	private static boolean negatedAfter(List<String> tokens, int skill) {
		int size = tokens.size();
		int ceiling = Math.min(size, skill + 1 + REACH);
		int i = skill + 1;
		boolean pastOthers = false;
		while (i < ceiling && (isSkill(tokens, i) || in(LIST, tokens, i) || isNumber(tokens.get(i)))) {
			pastOthers |= !isSkill(tokens, i) && !"/".equals(tokens.get(i)) && !"or".equals(tokens.get(i));
			i++;
		}
		while (i < ceiling && in(AFTER_FILLERS, tokens, i)) {
			i++;
		}
		boolean singular = false;
		boolean verb = false;
		boolean not = false;
		while (i < ceiling && !isSkill(tokens, i)) {
			String token = tokens.get(i);
			if (AUXILIARIES.contains(token)) {
				verb = true;
				singular |= SINGULAR.contains(token);
			}
			else if (NEGATED_AUXILIARIES.contains(token)) {
				verb = true;
				singular |= SINGULAR.contains(token);
				not = true;
			}
			else if (token.equals("not") || token.equals("never") || token.equals("(") && !not) {
				not |= !token.equals("(");
			}
			else {
				break;
			}
			i++;
		}
		if (singular && pastOthers) {
			// "we use Java, and Go is not needed": only Go
			return false;
		}
		if (i < ceiling && in(UNNEEDED, tokens, i)) {
			return true;
		}
		if (!not) {
			return false;
		}
		if (i >= size || isSkill(tokens, i) || !Character.isLetterOrDigit(tokens.get(i).charAt(0))) {
			// "Java is required, Go is not."
			return verb;
		}
		String what = tokens.get(i);
		if (!NOT_WHAT.contains(what)) {
			return false;
		}
		if (what.equals("a")) {
			return i + 1 < size && in(NOT_A_WHAT, tokens, i + 1);
		}
		return !praisedAfter(tokens, i + 1);
	}

	/** "... not required, but a plus": praise after the denial makes it nice to have. */
	private static boolean praisedAfter(List<String> tokens, int from) {
		int i = from;
		while (i < tokens.size() && in(BEFORE_PRAISE, tokens, i)) {
			i++;
		}
		return i < tokens.size() && in(PRAISE, tokens, i);
	}

	/** Whether token {@code i} is a word or mark of {@code words} (a skill is none). */
	private static boolean in(Set<String> words, List<String> tokens, int i) {
		String token = tokens.get(i);
		return token != null && words.contains(token);
	}

	private static boolean isSkill(List<String> tokens, int i) {
		return tokens.get(i) == null;
	}

	private static boolean isNumber(String token) {
		return token != null && !token.isEmpty() && Character.isDigit(token.charAt(0));
	}

}
