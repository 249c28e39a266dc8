package dev.skillpath.jobs.normalise;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A record cleaned up and ready to store (skill tags are added by the tagger);
 * {@code validThrough} is the expiry the record gives, null when it gives none.
 */
public record NormalisedListing(String externalId, String title, String company, String companyKey, String city,
		String region, String country, String locationText, String remote, String employmentType, String seniority,
		ParsedSalary salary, String descriptionHtml, String descriptionText, String url, OffsetDateTime postedAt,
		OffsetDateTime validThrough, List<String> explicitRequired, List<String> explicitNice, String fingerprint,
		String contentHash) {

	/**
	 * Salary as given, annualised, and whether it came as data (FEED) or from the text
	 * (PARSED).
	 */
	public record ParsedSalary(BigDecimal min, BigDecimal max, String currency, String period, BigDecimal annualMin,
			BigDecimal annualMax, String source) {
	}

}
