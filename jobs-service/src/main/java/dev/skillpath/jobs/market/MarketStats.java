package dev.skillpath.jobs.market;

import java.util.List;

import dev.skillpath.jobs.listing.Skill;

public record MarketStats(int openJobs, List<SkillDemand> topSkills, SalaryStats salary) {

	public record SkillDemand(Skill skill, int jobCount) {
	}

}
