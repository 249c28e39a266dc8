package dev.skillpath.progress.skill;

/** A skill owned by content-service, known here by its id only (the federation key). */
public record Skill(String id) {
}
