package dev.skillpath.jobs.ingest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.skillpath.jobs.normalise.NormalisedListing;
import dev.skillpath.jobs.tagging.SkillTags;

/** A job as one row of the JSON array that a single INSERT ... ON CONFLICT writes. */
record JobRow(String id, String fingerprint, String title, String company,
		@JsonProperty("company_key") String companyKey, String city, String region, String country,
		@JsonProperty("location_text") String locationText, String remote,
		@JsonProperty("employment_type") String employmentType, String seniority,
		@JsonProperty("salary_min") BigDecimal salaryMin, @JsonProperty("salary_max") BigDecimal salaryMax,
		@JsonProperty("salary_currency") String salaryCurrency, @JsonProperty("salary_period") String salaryPeriod,
		@JsonProperty("annual_min") BigDecimal annualMin, @JsonProperty("annual_max") BigDecimal annualMax,
		@JsonProperty("salary_source") String salarySource, @JsonProperty("description_html") String descriptionHtml,
		@JsonProperty("description_text") String descriptionText,
		@JsonProperty("required_skills") List<String> requiredSkills,
		@JsonProperty("nice_skills") List<String> niceSkills,
		@JsonProperty("explicit_required") List<String> explicitRequired,
		@JsonProperty("explicit_nice") List<String> explicitNice, @JsonProperty("posted_at") String postedAt,
		@JsonProperty("valid_through") String validThrough) {

	/** The job of listing {@code l}, open until {@code validThrough} (null: no end). */
	static JobRow of(String id, NormalisedListing l, SkillTags tags, OffsetDateTime validThrough) {
		NormalisedListing.ParsedSalary s = l.salary();
		return new JobRow(id, l.fingerprint(), l.title(), l.company(), l.companyKey(), l.city(), l.region(),
				l.country(), l.locationText(), l.remote(), l.employmentType(), l.seniority(),
				s == null ? null : s.min(), s == null ? null : s.max(), s == null ? null : s.currency(),
				s == null ? null : s.period(), s == null ? null : s.annualMin(), s == null ? null : s.annualMax(),
				s == null ? null : s.source(), l.descriptionHtml(), l.descriptionText(), tags.required(),
				tags.niceToHave(), l.explicitRequired(), l.explicitNice(), l.postedAt().toString(),
				validThrough == null ? null : validThrough.toString());
	}

}
