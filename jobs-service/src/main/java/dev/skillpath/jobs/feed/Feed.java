package dev.skillpath.jobs.feed;

/**
 * A partner feed that jobs-service pulls, with its status for an ADMIN: when it last
 * succeeded, the last error, and what the last pull did.
 */
public record Feed(String id, String partnerId, String partnerName, String kind, String url, String companyName,
		int intervalMinutes, String etag, String lastModified, String nextRunAt, String lastSuccessAt,
		String lastErrorAt, String lastError, FeedCounts lastCounts) {

	/**
	 * The company of listings whose feed names none (Greenhouse and Lever boards belong
	 * to one company).
	 */
	public String company() {
		return this.companyName != null ? this.companyName : this.partnerName;
	}

}
