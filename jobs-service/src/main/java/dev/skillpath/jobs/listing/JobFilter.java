package dev.skillpath.jobs.listing;

import java.util.List;

/**
 * The {@code JobFilter} input; {@code requiredSkill} is internal (for
 * {@code Skill.openJobs}).
 */
public record JobFilter(String text, List<String> skills, String remote, String country, String employmentType,
		Double minAnnualSalary, String postedAfter, String requiredSkill) {

	public static final JobFilter NONE = new JobFilter(null, null, null, null, null, null, null, null);

	public static JobFilter requiring(String skillId) {
		return new JobFilter(null, null, null, null, null, null, null, skillId);
	}

}
