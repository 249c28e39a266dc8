package dev.skillpath.jobs.ingest;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of ingestion. Every statement takes the whole batch as one JSON array
 * ({@code jsonb_to_recordset}), so a push costs the same few round trips for 1 record or
 * 1,000.
 */
@Repository
public class JobWriter {

	private static final String JOB_COLUMNS = """
			id uuid, fingerprint text, title text, company text, company_key text, city text, region text,
			country text, location_text text, remote text, employment_type text, seniority text,
			salary_min numeric, salary_max numeric, salary_currency text, salary_period text, annual_min numeric,
			annual_max numeric, salary_source text, description_html text, description_text text,
			required_skills text[], nice_skills text[], explicit_required text[], explicit_nice text[],
			posted_at timestamptz, valid_through timestamptz""";

	private static final String JOB_NAMES = """
			id, fingerprint, title, company, company_key, city, region, country, location_text, remote,
			employment_type, seniority, salary_min, salary_max, salary_currency, salary_period, annual_min,
			annual_max, salary_source, description_html, description_text, required_skills, nice_skills,
			explicit_required, explicit_nice, posted_at, valid_through""";

	private final DatabaseClient db;

	private final JsonMapper json;

	public JobWriter(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/**
	 * Holds the partner's ingestion lock until the surrounding transaction ends. The wait
	 * for it, and for any lock later in the transaction, is bounded by {@code wait}
	 * (PostgreSQL's lock_timeout for this transaction only): past it the statement fails
	 * with SQLSTATE 55P03 ({@link #LOCK_NOT_AVAILABLE}) instead of holding a pooled
	 * connection for as long as the partner's earlier pushes take.
	 */
	Mono<Void> lockPartner(String partnerId, Duration wait) {
		return this.db.sql("SELECT set_config('lock_timeout', :wait, true)")
			.bind("wait", Math.max(1, wait.toMillis()) + "ms")
			.fetch()
			.rowsUpdated()
			.then(this.db.sql("SELECT pg_advisory_xact_lock(hashtext('jobs-ingest:' || :partner))")
				.bind("partner", partnerId)
				.fetch()
				.rowsUpdated())
			.then();
	}

	/** PostgreSQL's SQLSTATE for a lock wait that ran out of lock_timeout. */
	static final String LOCK_NOT_AVAILABLE = "55P03";

	/** The partner's stored records among {@code externalIds}, by external id. */
	Mono<Map<String, StoredSource>> existing(String partnerId, Collection<String> externalIds) {
		if (externalIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql("""
				SELECT external_id, job_id, content_hash, removed_at IS NOT NULL AS removed FROM job_source
				WHERE partner_id = :partner AND external_id = ANY(:ids::text[])
				""")
			.bind("partner", partnerId)
			.bind("ids", externalIds.toArray(String[]::new))
			.map((row) -> new StoredSource(row.get("external_id", String.class),
					row.get("job_id", UUID.class).toString(), row.get("content_hash", String.class),
					Boolean.TRUE.equals(row.get("removed", Boolean.class))))
			.all()
			.collectMap(StoredSource::externalId);
	}

	record Candidate(int idx, String fingerprint,
			@com.fasterxml.jackson.annotation.JsonProperty("company_key") String companyKey, String country,
			String city, String seniority, String title,
			@com.fasterxml.jackson.annotation.JsonIgnore String description) {
	}

	/** A candidate with its description, for the similarity layer. */
	private record Described(int idx, @com.fasterxml.jackson.annotation.JsonProperty("company_key") String companyKey,
			String country, String city, String seniority, String title, String description) {

		Described(Candidate c) {
			this(c.idx(), c.companyKey(), c.country(), c.city(), c.seniority(), c.title(), c.description());
		}

	}

	/**
	 * Open jobs of the same company, country and seniority (and city, when both name one)
	 * that {@code :partner} does not carry.
	 */
	private static final String OTHER_PARTNERS_JOBS_OF_THE_COMPANY = """
			FROM job j
			WHERE j.company_key = r.company_key AND j.closed_at IS NULL
			  AND j.country IS NOT DISTINCT FROM r.country AND j.seniority IS NOT DISTINCT FROM r.seniority
			  AND (j.city IS NULL OR r.city IS NULL OR lower(j.city) = lower(r.city))
			  AND NOT EXISTS (SELECT 1 FROM job_source s WHERE s.job_id = j.id AND s.partner_id = :partner)""";

	/**
	 * For each new listing, an open job from another partner that is the same posting:
	 * the same fingerprint (company, title, place), or the same company, country, city
	 * and seniority with a similar title and a similar description (pg_trgm similarity).
	 * Two set-based statements: the first finds fingerprint matches and which listings
	 * have a similar title to compare further; only those go, with their descriptions, to
	 * the second.
	 */
	Mono<Map<Integer, String>> duplicates(String partnerId, List<Candidate> candidates) {
		if (candidates.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db
			.sql("""
					SELECT idx, id, to_compare FROM (
					  SELECT r.idx, f.id,
					    CASE WHEN f.id IS NULL THEN EXISTS (SELECT 1 %s AND similarity(j.title, r.title) >= 0.5) ELSE false END
					      AS to_compare
					  FROM jsonb_to_recordset(:rows::jsonb)
					    AS r(idx int, fingerprint text, company_key text, country text, city text, seniority text, title text)
					  LEFT JOIN LATERAL (
					    SELECT j.id FROM job j
					    WHERE j.fingerprint = r.fingerprint AND j.closed_at IS NULL
					      AND NOT EXISTS (SELECT 1 FROM job_source s WHERE s.job_id = j.id AND s.partner_id = :partner)
					    LIMIT 1) f ON true) x
					WHERE id IS NOT NULL OR to_compare
					"""
				.formatted(OTHER_PARTNERS_JOBS_OF_THE_COMPANY))
			.bind("rows", write(candidates))
			.bind("partner", partnerId)
			.map((row) -> new Object[] { row.get("idx", Integer.class), row.get("id", UUID.class) })
			.all()
			.collectList()
			.flatMap((rows) -> {
				Map<Integer, String> found = new java.util.HashMap<>();
				Set<Integer> toCompare = new java.util.HashSet<>();
				for (Object[] row : rows) {
					if (row[1] != null) {
						found.put((Integer) row[0], row[1].toString());
					}
					else {
						toCompare.add((Integer) row[0]);
					}
				}
				if (toCompare.isEmpty()) {
					return Mono.just(found);
				}
				List<Described> described = candidates.stream()
					.filter((c) -> toCompare.contains(c.idx()))
					.map(Described::new)
					.toList();
				return similar(partnerId, described).map((similar) -> {
					found.putAll(similar);
					return found;
				});
			});
	}

	private Mono<Map<Integer, String>> similar(String partnerId, List<Described> candidates) {
		return this.db.sql("""
				SELECT r.idx, c.id FROM jsonb_to_recordset(:rows::jsonb)
				  AS r(idx int, company_key text, country text, city text, seniority text, title text, description text)
				CROSS JOIN LATERAL (
				  SELECT o.id FROM (
				    SELECT j.id, j.title, j.description_text %s
				    -- a fence: similarity (the costly part) only for other partners' jobs of that company
				    OFFSET 0) o
				  WHERE similarity(o.title, r.title) >= 0.5 AND similarity(o.description_text, r.description) >= 0.6
				  ORDER BY similarity(o.description_text, r.description) DESC
				  LIMIT 1) c
				""".formatted(OTHER_PARTNERS_JOBS_OF_THE_COMPANY))
			.bind("rows", write(candidates))
			.bind("partner", partnerId)
			.map((row) -> Map.entry(row.get("idx", Integer.class), row.get("id", UUID.class).toString()))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** Inserts new jobs and rewrites updated ones (reopening them) in one statement. */
	Mono<Void> upsertJobs(List<JobRow> rows) {
		if (rows.isEmpty()) {
			return Mono.empty();
		}
		StringBuilder updates = new StringBuilder();
		for (String column : JOB_NAMES.split(",")) {
			String name = column.strip();
			if (!name.equals("id")) {
				updates.append(name).append(" = excluded.").append(name).append(", ");
			}
		}
		return this.db
			.sql("INSERT INTO job (" + JOB_NAMES + ") SELECT " + JOB_NAMES
					+ " FROM jsonb_to_recordset(:rows::jsonb) AS r(" + JOB_COLUMNS + ") ON CONFLICT (id) DO UPDATE SET "
					+ updates + "closed_at = NULL, updated_at = now()")
			.bind("rows", write(rows))
			.then();
	}

	record SourceRow(@com.fasterxml.jackson.annotation.JsonProperty("external_id") String externalId,
			@com.fasterxml.jackson.annotation.JsonProperty("job_id") String jobId, String url,
			@com.fasterxml.jackson.annotation.JsonProperty("content_hash") String contentHash,
			@com.fasterxml.jackson.annotation.JsonProperty("feed_id") String feedId,
			@com.fasterxml.jackson.annotation.JsonProperty("valid_through") String validThrough) {
	}

	Mono<Void> upsertSources(String partnerId, List<SourceRow> rows) {
		if (rows.isEmpty()) {
			return Mono.empty();
		}
		return this.db
			.sql("""
					INSERT INTO job_source (partner_id, external_id, job_id, url, content_hash, feed_id, valid_through)
					SELECT :partner, r.external_id, r.job_id, r.url, r.content_hash, r.feed_id, r.valid_through
					FROM jsonb_to_recordset(:rows::jsonb)
					  AS r(external_id text, job_id uuid, url text, content_hash text, feed_id uuid, valid_through timestamptz)
					ON CONFLICT (partner_id, external_id) DO UPDATE SET job_id = excluded.job_id, url = excluded.url,
					  content_hash = excluded.content_hash, feed_id = excluded.feed_id, valid_through = excluded.valid_through,
					  removed_at = NULL, updated_at = now()
					""")
			.bind("partner", partnerId)
			.bind("rows", write(rows))
			.then();
	}

	/**
	 * A job's expiry from the expiries of its open sources ({@code s}, grouped by job):
	 * none (NULL) when one of them has none, else the latest. A job is open while any of
	 * its sources keeps it open.
	 */
	private static final String EXPIRY_OF_SOURCES = "CASE WHEN bool_or(s.valid_through IS NULL) THEN NULL "
			+ "ELSE max(s.valid_through) END";

	/**
	 * Sets the expiry of the jobs {@code jobIds} from their open sources (after a source
	 * of theirs changed in this transaction).
	 */
	Mono<Void> refreshExpiry(Collection<String> jobIds) {
		if (jobIds.isEmpty()) {
			return Mono.empty();
		}
		return this.db.sql("""
				UPDATE job j SET valid_through = e.valid_through, updated_at = now()
				FROM (SELECT s.job_id, %s AS valid_through FROM job_source s
				      WHERE s.job_id = ANY(:ids::uuid[]) AND s.removed_at IS NULL GROUP BY s.job_id) e
				WHERE j.id = e.job_id AND j.valid_through IS DISTINCT FROM e.valid_through
				""".formatted(EXPIRY_OF_SOURCES))
			.bind("ids", jobIds.stream().map(UUID::fromString).toArray(UUID[]::new))
			.then();
	}

	Mono<Void> insertIngestion(IngestionReport report) {
		return this.db
			.sql("""
					INSERT INTO ingestion (id, partner_id, format, received_at, created, updated, unchanged, rejected, results)
					VALUES (:id, :partner, :format, :received, :created, :updated, :unchanged, :rejected, :results::jsonb)
					""")
			.bind("id", UUID.fromString(report.ingestionId()))
			.bind("partner", report.partnerId())
			.bind("format", report.format())
			.bind("received", OffsetDateTime.parse(report.receivedAt()))
			.bind("created", report.counts().created())
			.bind("updated", report.counts().updated())
			.bind("unchanged", report.counts().unchanged())
			.bind("rejected", report.counts().rejected())
			.bind("results", write(report.results()))
			.then();
	}

	/**
	 * After the sources {@code removed} (a CTE of withdrawn partner_id, external_id,
	 * job_id) left their jobs: jobs no other open source carries close, the others take
	 * the expiry of the sources left. The statement sees job_source as it was before it,
	 * so the withdrawn rows are left out by name.
	 */
	private static final String AFTER_REMOVAL = """
			left_open AS (
			  SELECT s.job_id, %s AS valid_through FROM job_source s
			  WHERE s.job_id IN (SELECT job_id FROM removed) AND s.removed_at IS NULL
			    AND (s.partner_id, s.external_id) NOT IN (SELECT partner_id, external_id FROM removed)
			  GROUP BY s.job_id),
			closed AS (
			  UPDATE job j SET closed_at = now(), updated_at = now()
			  WHERE j.id IN (SELECT job_id FROM removed) AND j.closed_at IS NULL
			    AND j.id NOT IN (SELECT job_id FROM left_open)
			  RETURNING j.id),
			expiry AS (
			  UPDATE job j SET valid_through = o.valid_through, updated_at = now() FROM left_open o
			  WHERE j.id = o.job_id AND j.valid_through IS DISTINCT FROM o.valid_through
			  RETURNING j.id)
			""".formatted(EXPIRY_OF_SOURCES);

	/**
	 * Withdraws one of the partner's records; its job closes when no other partner still
	 * carries it. Empty when the partner has no such open record.
	 */
	Mono<String> remove(String partnerId, String externalId) {
		return this.db.sql("""
				WITH removed AS (
				  UPDATE job_source SET removed_at = now(), updated_at = now()
				  WHERE partner_id = :partner AND external_id = :external AND removed_at IS NULL
				  RETURNING partner_id, external_id, job_id),
				%s
				SELECT job_id FROM removed
				""".formatted(AFTER_REMOVAL))
			.bind("partner", partnerId)
			.bind("external", externalId)
			.map((row) -> row.get("job_id", UUID.class).toString())
			.one();
	}

	/**
	 * Withdraws the feed's records missing from a full pull ({@code seen} holds the ones
	 * present) and closes their jobs unless another source still carries them; answers
	 * how many.
	 */
	public Mono<Integer> closeMissing(String partnerId, String feedId, java.util.Collection<String> seen) {
		return this.db.sql("""
				WITH removed AS (
				  UPDATE job_source SET removed_at = now(), updated_at = now()
				  WHERE partner_id = :partner AND feed_id = :feed AND removed_at IS NULL
				    AND NOT (external_id = ANY(:seen::text[]))
				  RETURNING partner_id, external_id, job_id),
				%s
				SELECT count(*) AS n FROM removed
				""".formatted(AFTER_REMOVAL))
			.bind("partner", partnerId)
			.bind("feed", UUID.fromString(feedId))
			.bind("seen", seen.toArray(String[]::new))
			.map((row) -> row.get("n", Long.class).intValue())
			.one();
	}

	/**
	 * Before the feed {@code feedId} is removed: its open records that gave no expiry,
	 * which stayed open while the feed carried them, expire like pushed ones, at their
	 * job's posting date plus {@code lifetime}; their jobs take the new expiry.
	 */
	public Mono<Void> expireByAge(String feedId, Duration lifetime) {
		return this.db.sql("""
				WITH aged AS (
				  UPDATE job_source s SET valid_through = j.posted_at + make_interval(secs => :lifetime),
				    updated_at = now()
				  FROM job j
				  WHERE j.id = s.job_id AND s.feed_id = :feed AND s.removed_at IS NULL AND s.valid_through IS NULL
				  RETURNING s.partner_id, s.external_id, s.job_id, s.valid_through),
				sources AS (
				  SELECT job_id, valid_through FROM aged
				  UNION ALL
				  SELECT s.job_id, s.valid_through FROM job_source s
				  WHERE s.job_id IN (SELECT job_id FROM aged) AND s.removed_at IS NULL
				    AND (s.partner_id, s.external_id) NOT IN (SELECT partner_id, external_id FROM aged))
				UPDATE job j SET valid_through = e.valid_through, updated_at = now()
				FROM (SELECT s.job_id, %s AS valid_through FROM sources s GROUP BY s.job_id) e
				WHERE j.id = e.job_id AND j.valid_through IS DISTINCT FROM e.valid_through
				""".formatted(EXPIRY_OF_SOURCES))
			.bind("feed", UUID.fromString(feedId))
			.bind("lifetime", (double) lifetime.toSeconds())
			.then();
	}

	String write(Object value) {
		return this.json.writeValueAsString(value);
	}

}
