package dev.skillpath.jobs.market;

import java.util.List;

/**
 * Annual salaries of open listings in one currency, beside the source article's reference
 * figures.
 */
public record SalaryStats(int count, Double min, Double p25, Double median, Double p75, Double max, String currency,
		List<ReferenceSalary> reference) {

	/** A seed figure and how far the live median lies from it, in percent. */
	public record ReferenceSalary(String id, String statement, double figure, Double medianDifferencePercent) {
	}

}
