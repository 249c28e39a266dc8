package dev.skillpath.jobs.normalise;

/**
 * Why a record was not stored: the field at fault and the reason, for the partner to fix.
 */
public record Rejection(String field, String reason) {

	/**
	 * A reason may quote what the partner sent; it lands in the stored report, where
	 * U+0000 cannot.
	 */
	public Rejection {
		reason = TextCleanup.withoutNul(reason);
	}

}
