package dev.skillpath.jobs.listing;

import java.util.List;

/**
 * A canonical listing as learners see it (one job may carry several partners' records).
 * Dates are ISO-8601 strings, as the schema declares them.
 */
public record Job(String id, String title, Company company, Location location, String remote, String employmentType,
		String seniority, Salary salary, String descriptionHtml, String descriptionText, List<String> requiredSkillIds,
		List<String> niceToHaveSkillIds, String postedAt, String validThrough, String status) {

	public record Company(String name) {
	}

	public record Location(String city, String region, String country, String text) {
	}

	/** Salary as given and annualised; {@code source} is FEED or PARSED. */
	public record Salary(Double min, Double max, String currency, String period, Double annualMin, Double annualMax,
			String source) {
	}

}
