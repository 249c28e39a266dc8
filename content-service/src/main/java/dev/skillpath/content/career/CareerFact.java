package dev.skillpath.content.career;

/** A fact about the backend developer career, with where it comes from. */
public record CareerFact(String id, String statement, Double figure, String unit, String source, String sourceUrl) {
}
