package dev.skillpath.jobs.listing;

/** One partner record behind a job. */
public record JobSource(String partnerId, String externalId, String url) {
}
