package dev.skillpath.jobs.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.skillpath.jobs.JobsProperties;
import dev.skillpath.jobs.normalise.Normalised;
import dev.skillpath.jobs.normalise.NormalisedListing;
import dev.skillpath.jobs.normalise.Normaliser;
import dev.skillpath.jobs.tagging.Retagger;
import dev.skillpath.jobs.tagging.SkillCatalog;
import dev.skillpath.jobs.tagging.SkillTagger;
import dev.skillpath.jobs.tagging.SkillTags;
import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.error.ErrorCode;
import io.r2dbc.spi.R2dbcException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Stores a batch of partner records: normalise and tag each (CPU, off the event loop),
 * look up what the partner sent before and what other partners sent (one statement each),
 * then write jobs, sources and the report in one transaction. A replayed record is
 * UNCHANGED and writes nothing.
 */
@Service
public class IngestionService {

	private final Normaliser normaliser;

	private final SkillCatalog catalog;

	private final JobWriter writer;

	private final TransactionalOperator transaction;

	private final Clock clock = Clock.systemUTC();

	private final Retagger retagger;

	private final ListingMetrics metrics;

	private final Duration lockWait;

	private final Duration defaultLifetime;

	IngestionService(Normaliser normaliser, SkillCatalog catalog, JobWriter writer, TransactionalOperator transaction,
			Retagger retagger, ListingMetrics metrics, JobsProperties properties) {
		this.metrics = metrics;
		this.lockWait = properties.push().lockWait();
		this.defaultLifetime = properties.listing().defaultLifetime();
		this.normaliser = normaliser;
		this.catalog = catalog;
		this.writer = writer;
		this.transaction = transaction;
		this.retagger = retagger;
	}

	private record Prepared(int index, NormalisedListing listing, SkillTags tags) {
	}

	public Mono<IngestionReport> ingest(String partnerId, String format, List<ParsedRecord> records) {
		return ingest(partnerId, format, records, null);
	}

	/** Stores records that came from the feed {@code feedId} (null for a push). */
	public Mono<IngestionReport> ingest(String partnerId, String format, List<ParsedRecord> records, String feedId) {
		return this.catalog.ready()
			.publishOn(Schedulers.boundedElastic())
			.flatMap((snapshot) -> store(partnerId, format, prepare(records, snapshot.tagger()), feedId)
				.doOnNext(this.metrics::record)
				.flatMap((report) -> snapshot.skillCount() > 0 ? Mono.just(report) : retagIfSkillsArrived(report)));
	}

	/**
	 * Listings tagged while content-service had given no skills yet: when the skills
	 * arrived while they were being stored, tag them now (when they arrive later,
	 * re-tagging every open listing on {@link SkillCatalog.SkillsChanged} finds them
	 * committed).
	 */
	private Mono<IngestionReport> retagIfSkillsArrived(IngestionReport report) {
		SkillCatalog.Snapshot now = this.catalog.current();
		if (now.skillCount() == 0) {
			return Mono.just(report);
		}
		List<String> stored = report.results()
			.stream()
			.filter((r) -> r.jobId() != null && !r.status().equals("UNCHANGED"))
			.map(RecordResult::jobId)
			.toList();
		return this.retagger.retag(now.tagger(), stored).thenReturn(report);
	}

	/** Results so far (rejections) and the listings that passed, in request order. */
	private record Batch(Map<Integer, RecordResult> results, List<Prepared> listings) {
	}

	private Batch prepare(List<ParsedRecord> records, SkillTagger tagger) {
		// normalising and tagging are pure CPU work per record: spread them over the
		// cores
		List<Object> outcomes = records.parallelStream().map((record) -> {
			if (record.rejection() != null) {
				return (Object) RecordResult.rejected(record.index(), record.externalId(), record.rejection().field(),
						record.rejection().reason());
			}
			Normalised outcome = this.normaliser.normalise(record.input());
			if (outcome instanceof Normalised.Rejected rejected) {
				return RecordResult.rejected(record.index(), record.externalId(), rejected.rejection().field(),
						rejected.rejection().reason());
			}
			NormalisedListing listing = ((Normalised.Accepted) outcome).listing();
			SkillTags tags = tagger.tag(listing.title(), listing.descriptionText(), listing.explicitRequired(),
					listing.explicitNice());
			return new Prepared(record.index(), listing, tags);
		}).toList();
		Map<Integer, RecordResult> results = new HashMap<>();
		List<Prepared> listings = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (Object outcome : outcomes) {
			if (outcome instanceof RecordResult rejected) {
				results.put(rejected.index(), rejected);
			}
			else if (outcome instanceof Prepared prepared && !seen.add(prepared.listing().externalId())) {
				results.put(prepared.index(), RecordResult.rejected(prepared.index(), prepared.listing().externalId(),
						"externalId", "externalId appears more than once in this request"));
			}
			else {
				listings.add((Prepared) outcome);
			}
		}
		return new Batch(results, listings);
	}

	private Mono<IngestionReport> store(String partnerId, String format, Batch batch, String feedId) {
		List<String> externalIds = batch.listings().stream().map((p) -> p.listing().externalId()).toList();
		// one partner's pushes take turns (a transaction-scoped advisory lock), so two
		// concurrent
		// copies of a batch cannot both find a record new and create it twice
		return this.writer.lockPartner(partnerId, this.lockWait)
			.then(this.writer.existing(partnerId, externalIds))
			.flatMap((stored) -> {
				List<Prepared> fresh = batch.listings()
					.stream()
					.filter((p) -> !stored.containsKey(p.listing().externalId()))
					.toList();
				List<JobWriter.Candidate> candidates = fresh.stream()
					.map((p) -> new JobWriter.Candidate(p.index(), p.listing().fingerprint(), p.listing().companyKey(),
							p.listing().country(), p.listing().city(), p.listing().seniority(), p.listing().title(),
							p.listing().descriptionText()))
					.toList();
				return this.writer.duplicates(partnerId, candidates).flatMap((duplicates) -> {
					Map<Integer, RecordResult> results = new LinkedHashMap<>(batch.results());
					List<JobRow> jobs = new ArrayList<>();
					List<JobWriter.SourceRow> sources = new ArrayList<>();
					// jobs that other sources may carry too: their expiry is theirs and
					// ours
					Set<String> shared = new LinkedHashSet<>();
					for (Prepared p : batch.listings()) {
						NormalisedListing listing = p.listing();
						StoredSource before = stored.get(listing.externalId());
						if (before != null && before.contentHash().equals(listing.contentHash()) && !before.removed()) {
							results.put(p.index(), new RecordResult(p.index(), listing.externalId(), "UNCHANGED",
									before.jobId(), null, null, null));
							continue;
						}
						String duplicateOf = before == null ? duplicates.get(p.index()) : null;
						String jobId = before != null ? before.jobId()
								: duplicateOf != null ? duplicateOf : UUID.randomUUID().toString();
						OffsetDateTime validThrough = expiry(listing, feedId != null);
						if (duplicateOf == null) {
							jobs.add(JobRow.of(jobId, listing, p.tags(), validThrough));
						}
						if (before != null || duplicateOf != null) {
							shared.add(jobId);
						}
						sources.add(new JobWriter.SourceRow(listing.externalId(), jobId, listing.url(),
								listing.contentHash(), feedId, validThrough == null ? null : validThrough.toString()));
						results.put(p.index(),
								new RecordResult(p.index(), listing.externalId(),
										before == null ? "CREATED" : "UPDATED", jobId,
										duplicateOf != null ? Boolean.TRUE : null, null, null));
					}
					List<RecordResult> ordered = results.values()
						.stream()
						.sorted(java.util.Comparator.comparingInt(RecordResult::index))
						.toList();
					IngestionReport report = new IngestionReport(UUID.randomUUID().toString(), partnerId, format,
							Instant.now(this.clock).toString(), IngestionReport.Counts.of(ordered), ordered);
					return this.writer.upsertJobs(jobs)
						.then(this.writer.upsertSources(partnerId, sources))
						.then(this.writer.refreshExpiry(shared))
						.then(this.writer.insertIngestion(report))
						.thenReturn(report);
				});
			})
			.as(this.transaction::transactional)
			.onErrorMap(IngestionService::isLockWaitOver, (ex) -> busy(partnerId));
	}

	/**
	 * When a listing stops being open by itself: at the expiry its record gives; else a
	 * pushed listing at its posting date plus the default lifetime, and a pulled one
	 * never (null: it stays open while its feed carries it).
	 */
	private OffsetDateTime expiry(NormalisedListing listing, boolean pulled) {
		if (listing.validThrough() != null || pulled) {
			return listing.validThrough();
		}
		return listing.postedAt().plus(this.defaultLifetime);
	}

	/**
	 * The partner's earlier pushes held its lock longer than {@code lockWait}: nothing
	 * was stored.
	 */
	private ApiException busy(String partnerId) {
		long seconds = Math.max(1, (this.lockWait.toMillis() + 999) / 1000);
		return new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
				"Earlier pushes of partner '" + partnerId
						+ "' are still being stored; nothing from this request was stored, retry in " + seconds + " s",
				Map.of("retryable", true, "retryAfter", seconds));
	}

	private static boolean isLockWaitOver(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof R2dbcException r2dbc && JobWriter.LOCK_NOT_AVAILABLE.equals(r2dbc.getSqlState())) {
				return true;
			}
		}
		return false;
	}

}
