package dev.skillpath.jobs.market;

import java.util.List;

import dev.skillpath.jobs.listing.SkillRef;

public record MarketStats(int openJobs, List<SkillDemand> topSkills, SalaryStats salary) {

	public record SkillDemand(SkillRef skill, int jobCount) {
	}

}
