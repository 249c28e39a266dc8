package dev.skillpath.content.roadmap;

/** A roadmap; its stages and skills are fetched per field, in batches. */
public record Roadmap(String id, String title, String description) {
}
