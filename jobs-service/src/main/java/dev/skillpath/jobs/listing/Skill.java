package dev.skillpath.jobs.listing;

/** A reference to a roadmap skill owned by content-service: only its key lives here. */
public record Skill(String id) {
}
