package dev.skillpath.jobs.ingest;

import java.util.Map;

import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.error.ErrorCode;

/** The 413 answers for requests over the configured limits. */
final class PushLimits {

	private PushLimits() {
	}

	static ApiException tooManyRecords(int max) {
		return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
				"A request may carry at most " + max + " records; split the batch", Map.of("maxRecords", max));
	}

	static ApiException tooManyBytes(long max) {
		return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
				"A request body may have at most " + max + " bytes; split the batch", Map.of("maxBytes", max));
	}

}
