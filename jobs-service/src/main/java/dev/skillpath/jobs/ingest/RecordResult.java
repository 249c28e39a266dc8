package dev.skillpath.jobs.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What happened to one record: CREATED, UPDATED, UNCHANGED or REJECTED (with the field
 * and the reason). {@code mergedWithOtherSources} says the listing joined a job another
 * partner already sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordResult(int index, String externalId, String status, String jobId, Boolean mergedWithOtherSources,
		String field, String reason) {

	static RecordResult rejected(int index, String externalId, String field, String reason) {
		return new RecordResult(index, externalId, "REJECTED", null, null, field, reason);
	}

}
