package dev.skillpath.jobs.ingest;

import java.util.List;

/**
 * The answer to a push, kept so it can be fetched again: counts and a result per record.
 */
public record IngestionReport(String ingestionId, String partnerId, String format, String receivedAt, Counts counts,
		List<RecordResult> results) {

	public record Counts(int created, int updated, int unchanged, int rejected) {

		static Counts of(List<RecordResult> results) {
			int created = 0;
			int updated = 0;
			int unchanged = 0;
			int rejected = 0;
			for (RecordResult result : results) {
				switch (result.status()) {
					case "CREATED" -> created++;
					case "UPDATED" -> updated++;
					case "UNCHANGED" -> unchanged++;
					default -> rejected++;
				}
			}
			return new Counts(created, updated, unchanged, rejected);
		}

	}

}
