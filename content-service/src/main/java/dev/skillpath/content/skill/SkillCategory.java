package dev.skillpath.content.skill;

/** What kind of skill it is; drives grouping in the learner app. */
public enum SkillCategory {

	INTERNET, FUNDAMENTALS, LANGUAGE, FRAMEWORK, DATABASE, API, CMS, TOOLING, ARCHITECTURE, OPERATIONS, SECURITY,
	TESTING, SOFT_SKILL, CAREER

}
