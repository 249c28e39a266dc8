package dev.skillpath.jobs.ingest;

import java.time.OffsetDateTime;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Reads scoped to one partner: its records and its ingestion reports, never another
 * partner's.
 */
@Repository
class PartnerListings {

	private final DatabaseClient db;

	private final JsonMapper json;

	PartnerListings(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/** Records changed at or after {@code since}, oldest change first. */
	Flux<PartnerListing> changedSince(String partnerId, OffsetDateTime since, int limit) {
		return this.db.sql("""
				SELECT external_id, job_id, url, updated_at, removed_at IS NOT NULL AS removed FROM job_source
				WHERE partner_id = :partner AND updated_at >= :since ORDER BY updated_at, external_id LIMIT :limit
				""")
			.bind("partner", partnerId)
			.bind("since", since)
			.bind("limit", limit)
			.map((row) -> new PartnerListing(row.get("external_id", String.class),
					row.get("job_id", UUID.class).toString(),
					Boolean.TRUE.equals(row.get("removed", Boolean.class)) ? "REMOVED" : "ACTIVE",
					row.get("url", String.class), row.get("updated_at", OffsetDateTime.class).toInstant().toString()))
			.all();
	}

	Mono<IngestionReport> ingestion(String partnerId, UUID id) {
		return this.db.sql("""
				SELECT id, partner_id, format, received_at, results::text AS results FROM ingestion
				WHERE id = :id AND partner_id = :partner
				""").bind("id", id).bind("partner", partnerId).map((row) -> {
			RecordResult[] results = this.json.readValue(row.get("results", String.class), RecordResult[].class);
			java.util.List<RecordResult> list = java.util.List.of(results);
			return new IngestionReport(row.get("id", UUID.class).toString(), row.get("partner_id", String.class),
					row.get("format", String.class),
					row.get("received_at", OffsetDateTime.class).toInstant().toString(),
					IngestionReport.Counts.of(list), list);
		}).one();
	}

}
