package dev.skillpath.progress.learner;

/** A learner, known by the subject of their token. */
public record Learner(String id) {
}
