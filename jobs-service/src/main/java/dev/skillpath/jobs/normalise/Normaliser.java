package dev.skillpath.jobs.normalise;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Checks and cleans one partner record: required fields, salary, dates and URL, then
 * title, company, location, remote type, employment type, seniority, salary and
 * description. A record that cannot be stored as it is comes back rejected with the field
 * and the reason.
 */
@Component
public class Normaliser {

	private static final Pattern SENIORITY_WORDS = Pattern
		.compile("(?i)\\b(intern(ship)?|junior|jr\\.?|entry[- ]level|graduate|mid[- ]level|intermediate|senior|sr\\.?|"
				+ "lead|staff|principal|distinguished|head of)\\b");

	private static final Pattern REMOTE_TEXT = Pattern.compile("\\b(fully remote|100% remote|remote[- ]first|"
			+ "work from anywhere|remote position|this is a remote|remote role)\\b");

	private static final Pattern HYBRID_TEXT = Pattern.compile("\\bhybrid\\b");

	private static final Pattern REMOTE_WORD = Pattern.compile("\\bremote\\b");

	private static final Pattern INTERN_WORD = Pattern.compile("\\b(intern|internship)\\b");

	private static final Pattern CONTRACT_WORD = Pattern.compile("\\b(contract|contractor|freelance)\\b");

	private static final Pattern PART_TIME_WORD = Pattern.compile("\\bpart[- ]time\\b");

	private final Clock clock;

	@org.springframework.beans.factory.annotation.Autowired
	public Normaliser() {
		this(Clock.systemUTC());
	}

	public Normaliser(Clock clock) {
		this.clock = clock;
	}

	public Normalised normalise(ListingInput in) {
		// first, so that no later reason quotes the NUL back
		String nul = fieldWithNul(in);
		if (nul != null) {
			return reject(nul, "holds a NUL character (U+0000), which text must not contain");
		}
		if (blank(in.externalId())) {
			return reject("externalId", "is required");
		}
		if (in.externalId().length() > 200) {
			return reject("externalId", "is longer than 200 characters");
		}
		if (blank(in.title())) {
			return reject("title", "is required");
		}
		if (in.title().length() > 300) {
			return reject("title", "is longer than 300 characters");
		}
		if (blank(in.company())) {
			return reject("company", "is required");
		}
		if (blank(in.description())) {
			return reject("description", "is required");
		}
		if (in.description().length() > 100_000) {
			return reject("description", "is longer than 100,000 characters");
		}
		if (!blank(in.url()) && !isWebUrl(in.url())) {
			return reject("url", "must be an absolute http or https URL");
		}
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		OffsetDateTime posted;
		OffsetDateTime validThrough;
		try {
			posted = blank(in.postedAt()) ? now : time(in.postedAt());
		}
		catch (DateTimeParseException ex) {
			return reject("postedAt", "must be an ISO-8601 date or date-time, was '" + in.postedAt() + "'");
		}
		try {
			validThrough = blank(in.validThrough()) ? null : time(in.validThrough());
		}
		catch (DateTimeParseException ex) {
			return reject("validThrough", "must be an ISO-8601 date or date-time, was '" + in.validThrough() + "'");
		}
		if (posted.isAfter(now.plusDays(1))) {
			return reject("postedAt", "is in the future");
		}
		if (validThrough != null && !validThrough.isAfter(posted)) {
			return reject("validThrough", "must be after postedAt");
		}
		String remote = remote(in.remote());
		if (!blank(in.remote()) && remote == null) {
			return reject("remote", "must be ONSITE, HYBRID or REMOTE, was '" + in.remote() + "'");
		}
		String employmentType = employmentType(in.employmentType());
		if (!blank(in.employmentType()) && employmentType == null) {
			return reject("employmentType", "is not a schema.org employment type (FULL_TIME, PART_TIME, CONTRACTOR, "
					+ "TEMPORARY, INTERN, VOLUNTEER, PER_DIEM, OTHER): '" + in.employmentType() + "'");
		}
		HtmlText.Clean description = HtmlText.clean(in.description());
		String descriptionHtml = description.html();
		String descriptionText = description.text();
		if (descriptionText.isBlank()) {
			return reject("description", "has no text once unsafe HTML is removed");
		}
		NormalisedListing.ParsedSalary salary;
		try {
			salary = salary(in, descriptionText);
		}
		catch (SalaryException ex) {
			return reject(ex.field, ex.getMessage());
		}
		String title = TextCleanup.title(in.title());
		if (title.isBlank()) {
			return reject("title", "has no words once cleaned");
		}
		String company = TextCleanup.company(in.company());
		ParsedLocation location = LocationParser.parse(in.locationText(), in.city(), in.region(), in.country());
		if (!blank(in.country()) && location.country() == null) {
			return reject("country", "is not a known country name or ISO code: '" + in.country() + "'");
		}
		if (remote == null) {
			remote = inferRemote(location, in.title(), descriptionText);
		}
		if (employmentType == null) {
			employmentType = inferEmploymentType(title);
		}
		String seniority = seniority(blank(in.seniority()) ? title : in.seniority());
		String companyKey = TextCleanup.companyKey(company);
		String fingerprint = String.join("|", companyKey, TextCleanup.fold(title),
				location.country() == null ? "" : location.country(),
				location.city() == null ? "" : TextCleanup.fold(location.city()));
		return new Normalised.Accepted(new NormalisedListing(in.externalId().strip(), title, company, companyKey,
				location.city(), location.region(), location.country(),
				blank(in.locationText()) ? null : TextCleanup.collapse(in.locationText()), remote, employmentType,
				seniority, salary, descriptionHtml, descriptionText, blank(in.url()) ? null : in.url().strip(), posted,
				validThrough, cleanList(in.skills()), cleanList(in.niceToHaveSkills()), fingerprint,
				sha256(in.contentKey())));
	}

	/**
	 * The first field (as partners name it) that holds U+0000, or null: PostgreSQL
	 * refuses to store it.
	 */
	static String fieldWithNul(ListingInput in) {
		String[][] fields = { { "externalId", in.externalId() }, { "title", in.title() }, { "company", in.company() },
				{ "location", in.locationText() }, { "location.city", in.city() }, { "location.region", in.region() },
				{ "location.country", in.country() }, { "remote", in.remote() },
				{ "employmentType", in.employmentType() }, { "seniority", in.seniority() },
				{ "salary.min", in.salaryMin() }, { "salary.max", in.salaryMax() },
				{ "salary.currency", in.salaryCurrency() }, { "salary.period", in.salaryPeriod() },
				{ "salary", in.salaryText() }, { "description", in.description() }, { "url", in.url() },
				{ "postedAt", in.postedAt() }, { "validThrough", in.validThrough() } };
		for (String[] field : fields) {
			if (TextCleanup.hasNul(field[1])) {
				return field[0];
			}
		}
		for (int i = 0; i < in.skills().size(); i++) {
			if (TextCleanup.hasNul(in.skills().get(i))) {
				return "skills[" + i + "]";
			}
		}
		for (int i = 0; i < in.niceToHaveSkills().size(); i++) {
			if (TextCleanup.hasNul(in.niceToHaveSkills().get(i))) {
				return "niceToHaveSkills[" + i + "]";
			}
		}
		return null;
	}

	private NormalisedListing.ParsedSalary salary(ListingInput in, String descriptionText) {
		boolean given = !blank(in.salaryMin()) || !blank(in.salaryMax());
		if (!given) {
			Optional<NormalisedListing.ParsedSalary> parsed = SalaryParser.parse(in.salaryText());
			if (parsed.isEmpty()) {
				parsed = SalaryParser.parse(in.title());
			}
			if (parsed.isEmpty()) {
				parsed = SalaryParser.parse(descriptionText);
			}
			return parsed.orElse(null);
		}
		BigDecimal min = number(in.salaryMin(), "salary.min");
		BigDecimal max = number(in.salaryMax(), "salary.max");
		if (min == null) {
			min = max;
		}
		if (max == null) {
			max = min;
		}
		if (min.compareTo(max) > 0) {
			throw new SalaryException("salary.min", "is greater than salary.max");
		}
		if (blank(in.salaryCurrency())) {
			throw new SalaryException("salary.currency", "is required with an amount");
		}
		String currency = in.salaryCurrency().strip().toUpperCase(Locale.ROOT);
		try {
			Currency.getInstance(currency);
		}
		catch (IllegalArgumentException ex) {
			throw new SalaryException("salary.currency",
					"is not an ISO 4217 currency code: '" + in.salaryCurrency() + "'");
		}
		String period = blank(in.salaryPeriod()) ? "YEAR" : SalaryParser.period(in.salaryPeriod());
		if (period == null) {
			throw new SalaryException("salary.period",
					"must be HOUR, DAY, WEEK, MONTH or YEAR, was '" + in.salaryPeriod() + "'");
		}
		return SalaryParser.build(min, max, currency, period, "FEED");
	}

	private static BigDecimal number(String raw, String field) {
		if (blank(raw)) {
			return null;
		}
		try {
			BigDecimal value = new BigDecimal(raw.strip());
			if (value.signum() < 0) {
				throw new SalaryException(field, "must not be negative");
			}
			if (value.compareTo(BigDecimal.valueOf(100_000_000)) > 0) {
				throw new SalaryException(field, "is not a plausible salary: " + raw);
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new SalaryException(field, "must be a number, was '" + raw + "'");
		}
	}

	static String remote(String raw) {
		if (blank(raw)) {
			return null;
		}
		return switch (raw.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "")) {
			case "onsite", "office", "inoffice", "inperson", "no", "false" -> "ONSITE";
			case "hybrid", "partlyremote", "partialremote" -> "HYBRID";
			case "remote", "fullyremote", "telecommute", "yes", "true", "wfh", "anywhere" -> "REMOTE";
			default -> null;
		};
	}

	static String employmentType(String raw) {
		if (blank(raw)) {
			return null;
		}
		return switch (raw.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "")) {
			case "fulltime", "permanent", "fte", "regular" -> "FULL_TIME";
			case "parttime" -> "PART_TIME";
			case "contractor", "contract", "freelance", "freelancer", "contracttohire" -> "CONTRACTOR";
			case "temporary", "temp", "seasonal", "fixedterm" -> "TEMPORARY";
			case "intern", "internship", "trainee", "apprenticeship" -> "INTERN";
			case "volunteer" -> "VOLUNTEER";
			case "perdiem" -> "PER_DIEM";
			case "other" -> "OTHER";
			default -> null;
		};
	}

	private static String inferRemote(ParsedLocation location, String title, String text) {
		if (location.remoteHint() != null) {
			return location.remoteHint();
		}
		String lowerTitle = title.toLowerCase(Locale.ROOT);
		if (lowerTitle.contains("hybrid")) {
			return "HYBRID";
		}
		if (REMOTE_WORD.matcher(lowerTitle).find()) {
			return "REMOTE";
		}
		String lower = text.toLowerCase(Locale.ROOT);
		// every REMOTE_TEXT phrase holds "remote" or "anywhere": most texts need no
		// pattern at all
		if ((lower.contains("remote") || lower.contains("anywhere")) && REMOTE_TEXT.matcher(lower).find()) {
			return "REMOTE";
		}
		if (lower.contains("hybrid") && HYBRID_TEXT.matcher(lower).find()) {
			return "HYBRID";
		}
		return "ONSITE";
	}

	private static String inferEmploymentType(String title) {
		String lower = title.toLowerCase(Locale.ROOT);
		if (INTERN_WORD.matcher(lower).find()) {
			return "INTERN";
		}
		if (CONTRACT_WORD.matcher(lower).find()) {
			return "CONTRACTOR";
		}
		if (PART_TIME_WORD.matcher(lower).find()) {
			return "PART_TIME";
		}
		return null;
	}

	static String seniority(String text) {
		java.util.regex.Matcher m = SENIORITY_WORDS.matcher(text);
		if (!m.find()) {
			String exact = text.strip().toUpperCase(Locale.ROOT);
			return List.of("INTERN", "JUNIOR", "MID", "SENIOR", "LEAD", "PRINCIPAL").contains(exact) ? exact : null;
		}
		String word = m.group(1).toLowerCase(Locale.ROOT).replace(".", "");
		return switch (word.replaceAll("[^a-z]", "")) {
			case "intern", "internship" -> "INTERN";
			case "junior", "jr", "entrylevel", "graduate" -> "JUNIOR";
			case "midlevel", "intermediate" -> "MID";
			case "senior", "sr" -> "SENIOR";
			case "lead", "staff", "headof" -> "LEAD";
			default -> "PRINCIPAL";
		};
	}

	private static OffsetDateTime time(String raw) {
		String value = raw.strip();
		try {
			return OffsetDateTime.parse(value);
		}
		catch (DateTimeParseException ex) {
			try {
				return java.time.LocalDateTime.parse(value).atOffset(ZoneOffset.UTC);
			}
			catch (DateTimeParseException again) {
				return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value)
					.atStartOfDay()
					.atOffset(ZoneOffset.UTC);
			}
		}
	}

	private static boolean isWebUrl(String raw) {
		try {
			URI uri = URI.create(raw.strip());
			return uri.isAbsolute()
					&& ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static List<String> cleanList(List<String> values) {
		return values.stream().filter((v) -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
	}

	private static Normalised reject(String field, String reason) {
		return new Normalised.Rejected(new Rejection(field, field + " " + reason));
	}

	static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class SalaryException extends RuntimeException {

		private final String field;

		SalaryException(String field, String message) {
			super(message, null, false, false);
			this.field = field;
		}

	}

}
