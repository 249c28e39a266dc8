package dev.skillpath.jobs.normalise;

import java.util.List;

/**
 * One partner record as read from any format (our JSON, schema.org JobPosting, Indeed
 * XML), all values still as the partner wrote them. {@code index} is the record's
 * position in the request.
 */
public record ListingInput(int index, String externalId, String title, String company, String locationText, String city,
		String region, String country, String remote, String employmentType, String seniority, String salaryMin,
		String salaryMax, String salaryCurrency, String salaryPeriod, String salaryText, String description, String url,
		String postedAt, String validThrough, List<String> skills, List<String> niceToHaveSkills) {

	public ListingInput {
		skills = skills == null ? List.of() : List.copyOf(skills);
		niceToHaveSkills = niceToHaveSkills == null ? List.of() : List.copyOf(niceToHaveSkills);
	}

	/**
	 * Everything but the position, so a replayed record hashes the same wherever it sits
	 * in the batch.
	 */
	public String contentKey() {
		return String.join("\u001f", String.valueOf(this.externalId), String.valueOf(this.title),
				String.valueOf(this.company), String.valueOf(this.locationText), String.valueOf(this.city),
				String.valueOf(this.region), String.valueOf(this.country), String.valueOf(this.remote),
				String.valueOf(this.employmentType), String.valueOf(this.seniority), String.valueOf(this.salaryMin),
				String.valueOf(this.salaryMax), String.valueOf(this.salaryCurrency), String.valueOf(this.salaryPeriod),
				String.valueOf(this.salaryText), String.valueOf(this.description), String.valueOf(this.url),
				String.valueOf(this.postedAt), String.valueOf(this.validThrough), String.join(",", this.skills),
				String.join(",", this.niceToHaveSkills));
	}

}
