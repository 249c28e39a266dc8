package dev.skillpath.jobs.normalise;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Normalisation examples: what partners write and what learners see. */
class NormaliserTest {

	private final Normaliser normaliser = new Normaliser(
			Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));

	private static ListingInput input(String title, String company, String location, String description) {
		return new ListingInput(0, "ext-1", title, company, location, null, null, null, null, null, null, null, null,
				null, null, null, description, null, null, null, List.of(), List.of());
	}

	private NormalisedListing accepted(ListingInput in) {
		Normalised outcome = this.normaliser.normalise(in);
		assertThat(outcome).isInstanceOf(Normalised.Accepted.class);
		return ((Normalised.Accepted) outcome).listing();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "$90k–$120k|90000|120000|USD|YEAR", "€55,000 per year|55000|55000|EUR|YEAR",
					"60.000 - 75.000 EUR|60000|75000|EUR|YEAR", "£40,000 to £50,000 a year|40000|50000|GBP|YEAR",
					"USD 45/hour|45|45|USD|HOUR", "$6,500 - $8,000 per month|6500|8000|USD|MONTH",
					"CHF 120k|120000|120000|CHF|YEAR", "Pay: 55k-65k GBP plus bonus|55000|65000|GBP|YEAR" })
	void salariesAreReadFromText(String text, long min, long max, String currency, String period) {
		NormalisedListing.ParsedSalary salary = SalaryParser.parse(text).orElseThrow();
		assertThat(salary.min()).isEqualByComparingTo(BigDecimal.valueOf(min));
		assertThat(salary.max()).isEqualByComparingTo(BigDecimal.valueOf(max));
		assertThat(salary.currency()).isEqualTo(currency);
		assertThat(salary.period()).isEqualTo(period);
		assertThat(salary.source()).isEqualTo("PARSED");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "3-5 years of experience", "Team of 10 - 12 engineers", "Founded in 2015",
			"401k matching and 25 days off" })
	void figuresWithoutACurrencyAreNotSalaries(String text) {
		assertThat(SalaryParser.parse(text)).isEmpty();
	}

	@Test
	void salariesAreAnnualisedByPeriod() {
		assertThat(
				SalaryParser.build(BigDecimal.valueOf(50), BigDecimal.valueOf(60), "USD", "HOUR", "FEED").annualMin())
			.isEqualByComparingTo("104000");
		assertThat(SalaryParser.build(BigDecimal.valueOf(5000), null, "EUR", "MONTH", "FEED").annualMin())
			.isEqualByComparingTo("60000");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "Austin, TX|Austin|TX|US", "Berlin, Germany|Berlin||DE", "London, UK|London||GB",
					"Toronto, ON|Toronto|ON|CA", "Paris, Île-de-France, France|Paris|Île-de-France|FR",
					"Berlin, DE|Berlin||DE", "Remote - United States|||US", "São Paulo, Brazil|São Paulo||BR",
					"Amsterdam|Amsterdam||NL" })
	void locationsBecomeCityRegionAndIsoCountry(String text, String city, String region, String country) {
		ParsedLocation location = LocationParser.parse(text, null, null, null);
		assertThat(location.city()).isEqualTo(city);
		assertThat(location.region()).isEqualTo(region);
		assertThat(location.country()).isEqualTo(country);
	}

	@Test
	void titlesAndCompaniesAreCleanedAndSeniorityAndRemoteAreRead() {
		NormalisedListing listing = accepted(input("  SENIOR BACKEND ENGINEER (m/f/d) - Remote!!! ", " \"Acme GmbH\", ",
				"Remote - Germany", "<p>Build things.</p>"));
		assertThat(listing.title()).isEqualTo("Senior Backend Engineer");
		assertThat(listing.company()).isEqualTo("Acme GmbH");
		assertThat(listing.companyKey()).isEqualTo("acme");
		assertThat(listing.seniority()).isEqualTo("SENIOR");
		assertThat(listing.remote()).isEqualTo("REMOTE");
		assertThat(listing.country()).isEqualTo("DE");
		assertThat(accepted(input("Jr. Python Developer", "X", "Hybrid - London, UK", "text")).seniority())
			.isEqualTo("JUNIOR");
		assertThat(accepted(input("Backend Intern", "X", "Paris, France", "text")).employmentType())
			.isEqualTo("INTERN");
		assertThat(accepted(input("Dev", "X", "Hybrid - London, UK", "text")).remote()).isEqualTo("HYBRID");
	}

	@Test
	void descriptionsAreSanitisedWithAPlainTextCopyAndSalaryIsParsedFromThem() {
		NormalisedListing listing = accepted(input("Engineer", "X", "Berlin, Germany", """
				<h2 onclick="steal()">About</h2><p>We pay <b>€70,000 - €80,000 per year</b>.</p>
				<script>alert(1)</script><img src=x onerror=alert(2)><ul><li>Java</li><li>SQL</li></ul>
				<a href="javascript:alert(3)">apply</a>"""));
		assertThat(listing.descriptionHtml()).doesNotContain("script", "onclick", "onerror", "img", "javascript:")
			.contains("<b>€70,000 - €80,000 per year</b>", "<li>Java</li>");
		assertThat(listing.descriptionText()).isEqualTo("About\nWe pay €70,000 - €80,000 per year.\nJava\nSQL\napply");
		assertThat(listing.salary().source()).isEqualTo("PARSED");
		assertThat(listing.salary().annualMax()).isEqualByComparingTo("80000");
	}

	@Test
	void theExpiryIsTheOneTheRecordGivesOrNone() {
		// the default lifetime depends on where the record came from: ingestion applies
		// it
		NormalisedListing listing = accepted(new ListingInput(0, "e", "Engineer", "X", null, null, null, null, null,
				null, null, null, null, null, null, null, "text", null, "2026-11-01", null, List.of(), List.of()));
		assertThat(listing.validThrough()).isNull();
		NormalisedListing given = accepted(
				new ListingInput(0, "e", "Engineer", "X", null, null, null, null, null, null, null, null, null, null,
						null, null, "text", null, "2026-11-01", "2026-11-20T00:00:00Z", List.of(), List.of()));
		assertThat(given.validThrough()).isEqualTo("2026-11-20T00:00Z");
	}

	@Test
	void theFingerprintIgnoresLegalFormCaseAndAccents() {
		NormalisedListing a = accepted(input("Backend Engineer", "Café Systems GmbH", "Berlin, Germany", "a"));
		NormalisedListing b = accepted(input("backend engineer", "CAFE SYSTEMS", "Berlin, DE", "b"));
		assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
		assertThat(a.contentHash()).isNotEqualTo(b.contentHash());
	}

}
