package dev.skillpath.jobs.ingest;

/**
 * A partner record already stored: the job it feeds, the hash of what was sent, and
 * whether it was withdrawn.
 */
record StoredSource(String externalId, String jobId, String contentHash, boolean removed) {
}
