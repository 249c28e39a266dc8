package dev.skillpath.jobs.tagging;

import java.util.List;

/** The roadmap skills a listing requires and the ones it would like, as skill ids. */
public record SkillTags(List<String> required, List<String> niceToHave) {

	public static final SkillTags NONE = new SkillTags(List.of(), List.of());

}
