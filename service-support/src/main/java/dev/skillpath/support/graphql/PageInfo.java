package dev.skillpath.support.graphql;

/** Relay {@code PageInfo}. */
public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
}
