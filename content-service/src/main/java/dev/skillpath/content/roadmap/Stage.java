package dev.skillpath.content.roadmap;

import java.util.List;

/** One step of a roadmap, with the ids of its skills in order. */
public record Stage(String roadmapId, int position, String title, List<String> skillIds) {
}
