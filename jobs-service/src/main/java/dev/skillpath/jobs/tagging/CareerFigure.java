package dev.skillpath.jobs.tagging;

/**
 * A figure of content-service's career facts, such as the source article's entry salary
 * ($61,042 a year).
 */
public record CareerFigure(String id, String statement, double figure, String unit) {
}
