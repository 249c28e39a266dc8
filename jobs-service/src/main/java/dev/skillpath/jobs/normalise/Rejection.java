package dev.skillpath.jobs.normalise;

/** Why a record was not stored: the field at fault and the reason, for the partner to fix. */
public record Rejection(String field, String reason) {
}
