package dev.skillpath.jobs.feed;

/**
 * What one pull did; {@code notModified} when the server answered 304 and nothing was
 * read.
 */
public record FeedCounts(int created, int updated, int unchanged, int rejected, int closed, boolean notModified) {
}
