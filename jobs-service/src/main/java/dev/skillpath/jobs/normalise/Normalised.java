package dev.skillpath.jobs.normalise;

/**
 * The outcome of normalising one record: a listing to store, or the reason it cannot be.
 */
public sealed interface Normalised {

	record Accepted(NormalisedListing listing) implements Normalised {
	}

	record Rejected(Rejection rejection) implements Normalised {
	}

}
