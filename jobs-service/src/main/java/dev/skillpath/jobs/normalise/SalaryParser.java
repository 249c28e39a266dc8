package dev.skillpath.jobs.normalise;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a salary out of free text ("$90k–$120k", "€55,000 per year", "60.000 - 75.000
 * EUR", "USD 45/hour") and annualises salaries. A figure without a currency is never
 * taken for a salary.
 */
public final class SalaryParser {

	private static final Map<String, String> SYMBOLS = Map.of("$", "USD", "€", "EUR", "£", "GBP", "us$", "USD", "c$",
			"CAD", "a$", "AUD", "¥", "JPY", "₹", "INR");

	private static final String CURRENCY = "(?:us\\$|c\\$|a\\$|[$€£¥₹]|usd|eur|gbp|cad|aud|chf|sek|nok|dkk|pln|inr|jpy)";

	private static final String AMOUNT = "(\\d{1,3}(?:[,.' \\u00a0]\\d{3})+|\\d+(?:[.,]\\d{1,2})?)\\s?(k(?![a-z]))?";

	private static final Pattern RANGE = Pattern.compile("(?i)(" + CURRENCY + ")?\\s?" + AMOUNT
			+ "\\s*(?:-|–|—|to|bis)\\s*(" + CURRENCY + ")?\\s?" + AMOUNT + "\\s?(" + CURRENCY + ")?(?![a-z])");

	private static final Pattern SINGLE = Pattern.compile("(?i)(" + CURRENCY + ")\\s?" + AMOUNT + "(?![\\d])|"
			+ "(?<amount2>\\d{1,3}(?:[,.' \\u00a0]\\d{3})+|\\d+(?:[.,]\\d{1,2})?)\\s?(?<k2>k(?![a-z]))?\\s?(?<cur2>"
			+ CURRENCY + ")(?![a-z])");

	/**
	 * The most characters a match has before its first digit: a currency ("us$", "usd")
	 * and a space.
	 */
	private static final int LONGEST_LEAD = 4;

	private static final Pattern PERIOD = Pattern.compile("(?i)^\\s*(?:/|per|an?|each)?\\s*(hour|hr|h|day|week|wk|"
			+ "month|mo|year|yr|annum|annually|yearly|monthly|weekly|daily|hourly|p\\.a\\.|pa)\\b");

	private SalaryParser() {
	}

	public static Optional<NormalisedListing.ParsedSalary> parse(String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		Matcher range = RANGE.matcher(text);
		for (int from = next(range, text, 0); from >= 0; from = next(range, text, range.end())) {
			String currency = currency(range.group(1), range.group(4), range.group(7));
			if (currency == null) {
				continue;
			}
			String suffix = range.group(6) != null ? range.group(6) : range.group(3);
			BigDecimal min = amount(range.group(2), range.group(3) != null ? range.group(3) : suffix);
			BigDecimal max = amount(range.group(5), suffix);
			if (min == null || max == null || min.compareTo(max) > 0 || max.signum() <= 0) {
				continue;
			}
			return Optional.of(build(min, max, currency, period(text.substring(range.end()), max), "PARSED"));
		}
		Matcher single = SINGLE.matcher(text);
		for (int from = next(single, text, 0); from >= 0; from = next(single, text, single.end())) {
			String currency = single.group(1) != null ? currency(single.group(1), null, null)
					: currency(single.group("cur2"), null, null);
			BigDecimal value = single.group(1) != null ? amount(single.group(2), single.group(3))
					: amount(single.group("amount2"), single.group("k2"));
			if (currency == null || value == null || value.signum() <= 0) {
				continue;
			}
			return Optional.of(build(value, value, currency, period(text.substring(single.end()), value), "PARSED"));
		}
		return Optional.empty();
	}

	/**
	 * The next match of {@code matcher} at or after {@code from} (its start, or -1), as
	 * {@code find()} would give it, but tried only where one can start: every match holds
	 * a digit at most {@link #LONGEST_LEAD} characters from its start (a currency and a
	 * space), so the text between figures (most of a description) is skipped instead of
	 * tried position by position.
	 */
	private static int next(Matcher matcher, String text, int from) {
		matcher.useTransparentBounds(true).useAnchoringBounds(false);
		int length = text.length();
		int digit = from;
		while (true) {
			while (digit < length && (text.charAt(digit) < '0' || text.charAt(digit) > '9')) {
				digit++;
			}
			if (digit >= length) {
				return -1;
			}
			for (int start = Math.max(from, digit - LONGEST_LEAD); start <= digit; start++) {
				if (matcher.region(start, length).lookingAt()) {
					return start;
				}
			}
			from = digit + 1;
			digit = from;
		}
	}

	/**
	 * A salary with its annual figures: hours × 2080, days × 260, weeks × 52, months ×
	 * 12.
	 */
	public static NormalisedListing.ParsedSalary build(BigDecimal min, BigDecimal max, String currency, String period,
			String source) {
		BigDecimal factor = switch (period) {
			case "HOUR" -> BigDecimal.valueOf(2080);
			case "DAY" -> BigDecimal.valueOf(260);
			case "WEEK" -> BigDecimal.valueOf(52);
			case "MONTH" -> BigDecimal.valueOf(12);
			default -> BigDecimal.ONE;
		};
		return new NormalisedListing.ParsedSalary(min, max, currency, period,
				min == null ? null : min.multiply(factor).setScale(0, RoundingMode.HALF_UP),
				max == null ? null : max.multiply(factor).setScale(0, RoundingMode.HALF_UP), source);
	}

	/**
	 * HOUR, DAY, WEEK, MONTH or YEAR for a period as partners write it; null when
	 * unknown.
	 */
	public static String period(String raw) {
		if (raw == null) {
			return null;
		}
		String key = raw.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
		return switch (key) {
			case "hour", "hourly", "hr", "h", "perhour" -> "HOUR";
			case "day", "daily", "perday" -> "DAY";
			case "week", "weekly", "wk", "perweek" -> "WEEK";
			case "month", "monthly", "mo", "permonth" -> "MONTH";
			case "year", "yearly", "annual", "annually", "annum", "yr", "peryear", "pa", "perannum" -> "YEAR";
			default -> null;
		};
	}

	private static String period(String after, BigDecimal amount) {
		Matcher m = PERIOD.matcher(after);
		if (m.find()) {
			String p = period(m.group(1));
			if (p != null) {
				return p;
			}
		}
		// no period written: the size of the figure tells
		if (amount.compareTo(BigDecimal.valueOf(500)) < 0) {
			return "HOUR";
		}
		return amount.compareTo(BigDecimal.valueOf(15000)) < 0 ? "MONTH" : "YEAR";
	}

	private static String currency(String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null) {
				String key = candidate.toLowerCase(Locale.ROOT);
				return SYMBOLS.getOrDefault(key, key.toUpperCase(Locale.ROOT));
			}
		}
		return null;
	}

	private static BigDecimal amount(String digits, String suffix) {
		if (digits == null) {
			return null;
		}
		String plain;
		if (digits.matches("\\d{1,3}([,.' \\u00a0]\\d{3})+")) {
			plain = digits.replaceAll("[,.' \\u00a0]", "");
		}
		else {
			plain = digits.replace(',', '.');
		}
		try {
			BigDecimal value = new BigDecimal(plain);
			if (suffix != null && suffix.equalsIgnoreCase("k")) {
				value = value.multiply(BigDecimal.valueOf(1000));
			}
			return value;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
