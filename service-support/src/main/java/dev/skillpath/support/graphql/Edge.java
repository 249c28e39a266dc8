package dev.skillpath.support.graphql;

/** A Relay edge. */
public record Edge<T>(String cursor, T node) {
}
