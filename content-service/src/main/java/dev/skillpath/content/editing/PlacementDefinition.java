package dev.skillpath.content.editing;

/** Where a skill goes: a roadmap and the position of one of its stages, from 1. */
public record PlacementDefinition(String roadmapId, Integer stage) {
}
