package dev.skillpath.content.skill;

/** One search hit: the skill, what matched, and how well. */
public record SkillMatch(Skill skill, String matchedOn, String matchedText, double score) {
}
