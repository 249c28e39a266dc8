package dev.skillpath.jobs.listing;

import java.util.List;

/**
 * One page of rows (one more than asked for, when there are more) and the total count.
 */
public record JobPage<T>(List<T> rows, int total) {
}
