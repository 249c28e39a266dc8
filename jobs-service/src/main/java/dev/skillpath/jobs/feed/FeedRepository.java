package dev.skillpath.jobs.feed;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Feeds and their leases. A replica pulls a feed only after claiming it with one UPDATE
 * that succeeds for a single replica (the lease), so two replicas never pull the same
 * feed at once.
 */
@Repository
public class FeedRepository {

	private static final String SELECT = """
			SELECT f.*, p.name AS partner_name, f.last_counts::text AS counts FROM feed f JOIN partner p ON p.id = f.partner_id
			""";

	private final DatabaseClient db;

	private final JsonMapper json;

	public FeedRepository(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	public Mono<Feed> insert(String partnerId, String kind, String url, String companyName, int intervalMinutes) {
		UUID id = UUID.randomUUID();
		DatabaseClient.GenericExecuteSpec spec = this.db.sql("""
				INSERT INTO feed (id, partner_id, kind, url, company_name, interval_seconds)
				VALUES (:id, :partner, :kind, :url, :company, :interval) ON CONFLICT (partner_id, url) DO NOTHING
				""")
			.bind("id", id)
			.bind("partner", partnerId)
			.bind("kind", kind)
			.bind("url", url)
			.bind("interval", intervalMinutes * 60);
		spec = companyName == null ? spec.bindNull("company", String.class) : spec.bind("company", companyName);
		return spec.fetch().rowsUpdated().flatMap((n) -> n == 0 ? Mono.empty() : find(id.toString()));
	}

	public Mono<Feed> find(String id) {
		return this.db.sql(SELECT + " WHERE f.id = :id").bind("id", UUID.fromString(id)).map(this::map).one();
	}

	public Flux<Feed> findAll(String partnerId) {
		return partnerId == null ? this.db.sql(SELECT + " ORDER BY f.partner_id, f.created_at").map(this::map).all()
				: this.db.sql(SELECT + " WHERE f.partner_id = :partner ORDER BY f.created_at")
					.bind("partner", partnerId)
					.map(this::map)
					.all();
	}

	public Mono<Long> delete(String id) {
		return this.db.sql("DELETE FROM feed WHERE id = :id").bind("id", UUID.fromString(id)).fetch().rowsUpdated();
	}

	/**
	 * Claims up to {@code limit} due feeds for {@code lease}; feeds another replica holds
	 * are skipped.
	 */
	public Flux<Feed> claimDue(int limit, Duration lease) {
		return this.db
			.sql("""
					UPDATE feed SET lease_until = now() + make_interval(secs => :lease)
					WHERE id IN (SELECT id FROM feed WHERE next_run_at <= now() AND (lease_until IS NULL OR lease_until < now())
					             ORDER BY next_run_at LIMIT :limit FOR UPDATE SKIP LOCKED)
					RETURNING id
					""")
			.bind("lease", (double) lease.toSeconds())
			.bind("limit", limit)
			.map((row) -> row.get("id", UUID.class).toString())
			.all()
			.concatMap(this::find);
	}

	/**
	 * Claims one feed now (an ADMIN's "pull now"); empty while another replica holds it.
	 */
	public Mono<Feed> claim(String id, Duration lease) {
		return this.db.sql("""
				UPDATE feed SET lease_until = now() + make_interval(secs => :lease)
				WHERE id = :id AND (lease_until IS NULL OR lease_until < now()) RETURNING id
				""")
			.bind("id", UUID.fromString(id))
			.bind("lease", (double) lease.toSeconds())
			.map((row) -> row.get("id", UUID.class).toString())
			.one()
			.flatMap(this::find);
	}

	public Mono<Void> recordSuccess(Feed feed, String etag, String lastModified, FeedCounts counts) {
		DatabaseClient.GenericExecuteSpec spec = this.db.sql("""
				UPDATE feed SET lease_until = NULL, last_success_at = now(), last_counts = :counts::jsonb,
				  consecutive_failures = 0,
				  etag = coalesce(:etag, etag), last_modified = coalesce(:lastModified, last_modified),
				  next_run_at = now() + make_interval(secs => interval_seconds)
				WHERE id = :id
				""").bind("id", UUID.fromString(feed.id())).bind("counts", this.json.writeValueAsString(counts));
		spec = etag == null ? spec.bindNull("etag", String.class) : spec.bind("etag", etag);
		spec = lastModified == null ? spec.bindNull("lastModified", String.class)
				: spec.bind("lastModified", lastModified);
		return spec.then();
	}

	/**
	 * A failed pull: the feed waits its interval × 2^(failures before this one), at most
	 * six hours (or its interval when longer), and never less than the server's
	 * {@code retryAfter} (null when it named none; already at most six hours).
	 */
	public Mono<Void> recordFailure(Feed feed, String error, Duration retryAfter) {
		return this.db
			.sql("""
					UPDATE feed SET lease_until = NULL, last_error_at = now(), last_error = :error,
					  consecutive_failures = consecutive_failures + 1,
					  next_run_at = now() + make_interval(secs => greatest(:retryAfter,
					      least(interval_seconds * power(2, least(consecutive_failures, 20)), greatest(interval_seconds, 21600))))
					WHERE id = :id
					""")
			.bind("id", UUID.fromString(feed.id()))
			.bind("error", error.length() > 500 ? error.substring(0, 500) : error)
			.bind("retryAfter", retryAfter == null ? 0.0 : (double) retryAfter.toSeconds())
			.then();
	}

	private Feed map(Readable row) {
		String counts = row.get("counts", String.class);
		return new Feed(row.get("id", UUID.class).toString(), row.get("partner_id", String.class),
				row.get("partner_name", String.class), row.get("kind", String.class), row.get("url", String.class),
				row.get("company_name", String.class), row.get("interval_seconds", Integer.class) / 60,
				row.get("etag", String.class), row.get("last_modified", String.class),
				iso(row.get("next_run_at", OffsetDateTime.class)),
				iso(row.get("last_success_at", OffsetDateTime.class)),
				iso(row.get("last_error_at", OffsetDateTime.class)), row.get("last_error", String.class),
				counts == null ? null : this.json.readValue(counts, FeedCounts.class));
	}

	private static String iso(OffsetDateTime time) {
		return time == null ? null : time.toInstant().toString();
	}

}
