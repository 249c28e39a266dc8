package dev.skillpath.jobs.tagging;

/**
 * A lowercase word or phrase (a skill's name or alias) that names the skill
 * {@code skillId} in text.
 */
public record SkillTerm(String text, String skillId, boolean ambiguous) {
}
