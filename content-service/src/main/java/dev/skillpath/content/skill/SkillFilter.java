package dev.skillpath.content.skill;

/** Narrows {@code Query.skills}; every field is optional. */
public record SkillFilter(SkillCategory category, String roadmapId, Boolean hasFreeResources) {

	public static final SkillFilter NONE = new SkillFilter(null, null, null);

}
