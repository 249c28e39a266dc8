package dev.skillpath.jobs.ingest;

/** One of a partner's records as the reconcile endpoint lists it. */
public record PartnerListing(String externalId, String jobId, String status, String url, String updatedAt) {
}
