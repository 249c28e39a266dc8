package dev.skillpath.jobs.ingest;

import dev.skillpath.jobs.normalise.ListingInput;
import dev.skillpath.jobs.normalise.Rejection;
import dev.skillpath.jobs.normalise.TextCleanup;

/**
 * A record read from a request: its input, or why it could not even be read (a wrong
 * type, say).
 */
public record ParsedRecord(int index, String externalId, ListingInput input, Rejection rejection) {

	/**
	 * The id echoed in the (stored) report; the input keeps what was sent, so that the
	 * normaliser refuses a NUL.
	 */
	public ParsedRecord {
		externalId = TextCleanup.withoutNul(externalId);
	}

	public static ParsedRecord of(ListingInput input) {
		return new ParsedRecord(input.index(), input.externalId(), input, null);
	}

	public static ParsedRecord rejected(int index, String externalId, String field, String reason) {
		return new ParsedRecord(index, externalId, null, new Rejection(field, reason));
	}

}
