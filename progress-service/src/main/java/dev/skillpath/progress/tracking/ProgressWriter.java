package dev.skillpath.progress.tracking;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import dev.skillpath.progress.ProgressProperties;
import dev.skillpath.progress.content.ContentClient;
import dev.skillpath.progress.content.SkillCatalog;
import dev.skillpath.progress.metrics.ProgressEvents;
import dev.skillpath.progress.skill.ProgressReader;
import dev.skillpath.progress.skill.SkillProgress;
import dev.skillpath.progress.tracking.SyncResult.ItemError;
import dev.skillpath.progress.tracking.SyncResult.ItemResult;
import dev.skillpath.progress.tracking.SyncResult.Outcome;
import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.error.ErrorCode;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Every change of a learner's progress. Skill ids are checked with content-service before
 * the transaction starts (no lock is held during the HTTP call); inside it, the learner's
 * row is locked first, so one learner's writes are stored one after the other, and each
 * statement is appended together with the projection it implies.
 */
@Service
public class ProgressWriter {

	private final StatementLog log;

	private final ProgressReader reader;

	private final SkillCatalog catalog;

	private final ContentClient content;

	private final TransactionalOperator transaction;

	private final ProgressProperties properties;

	private final Clock clock;

	private final ProgressEvents events;

	private final WriteAdmission admission;

	public ProgressWriter(StatementLog log, ProgressReader reader, SkillCatalog catalog, ContentClient content,
			ReactiveTransactionManager transactionManager, ProgressProperties properties, Clock clock,
			ProgressEvents events, WriteAdmission admission) {
		this.events = events;
		this.admission = admission;
		this.log = log;
		this.reader = reader;
		this.catalog = catalog;
		this.content = content;
		this.transaction = TransactionalOperator.create(transactionManager);
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * One change. With the skill id remembered (nearly always) a write costs one
	 * connection and, in one transaction, three statements: lock the learner, read the
	 * skill's state, append the statement with its projection (a retry finds its
	 * clientMutationId taken there and answers the stored statement, with one more read).
	 * Only when content-service must be asked is a retry looked up first, so that it
	 * succeeds even while content-service is away.
	 */
	public Mono<SetStatusResult> setSkillStatus(String learnerId, ProgressChange change) {
		change.validate("input.");
		Mono<SetStatusResult> apply = Mono.defer(() -> this.catalog.resolve(List.of(change.skillId())))
			.flatMap((known) -> {
				String skillId = known.get(change.skillId());
				if (skillId == null) {
					return Mono.error(unknownSkill(change.skillId(), "input.skillId"));
				}
				// the time is taken once the learner's lock is held: writes then get
				// their times in the
				// order they are stored, and the last stored write is the state (the
				// projection keeps the latest time)
				return this.admission
					.run(() -> this.transaction.transactional(this.log.lockLearner(learnerId)
						.then(Mono.defer(() -> applyOne(learnerId, change, skillId, now(), "SET")))))
					.doOnNext((result) -> {
						if (!result.replayed()) {
							this.events.recorded(XapiVerb.of(result.progress().status()));
						}
					});
			});
		if (change.clientMutationId() == null || this.catalog.remembers(change.skillId())) {
			return apply;
		}
		// a retry usually finds its first attempt without asking content-service again
		return this.admission.run(() -> replayIfKnown(learnerId, change)).switchIfEmpty(apply);
	}

	private Mono<SetStatusResult> replayIfKnown(String learnerId, ProgressChange change) {
		if (change.clientMutationId() == null) {
			return Mono.empty();
		}
		return this.log.findByClientMutationId(learnerId, change.clientMutationId())
			.map((earlier) -> new SetStatusResult(change.clientMutationId(), sameChange(earlier, change).progress(),
					earlier.id().toString(), true));
	}

	private Mono<SetStatusResult> applyOne(String learnerId, ProgressChange change, String skillId, Instant occurredAt,
			String source) {
		return this.reader.ofSkills(learnerId, List.of(skillId))
			.flatMap((current) -> this.log.appendStatusUnlessKnown(learnerId,
					change.applyTo(current.get(skillId), skillId), occurredAt, source, change.clientMutationId(),
					change.clientMutationId() == null ? null : change.fingerprint()))
			.map((appended) -> new SetStatusResult(change.clientMutationId(), appended.statement().progress(),
					appended.statement().id().toString(), false))
			// the clientMutationId is taken: this is a retry of a stored change (or a
			// reuse, a conflict)
			.switchIfEmpty(Mono.defer(() -> replayIfKnown(learnerId, change)))
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(
					"clientMutationId " + change.clientMutationId() + " is taken but no statement has it")));
	}

	/**
	 * Applies an offline client's changes. Per skill the latest client timestamp wins
	 * (equal timestamps: the one stored last); older changes are kept in the history as
	 * OUTDATED. Items that fail validation are REJECTED one by one; content-service being
	 * unreachable fails the whole call before anything is stored.
	 */
	public Mono<SyncResult> sync(String learnerId, List<SyncItem> items) {
		if (items.isEmpty() || items.size() > this.properties.maxSyncItems()) {
			throw ApiException.badUserInput("items must hold 1 to " + this.properties.maxSyncItems() + " changes",
					Map.of("field", "items"));
		}
		Instant now = now();
		ItemResult[] results = new ItemResult[items.size()];
		Instant[] times = new Instant[items.size()];
		for (int i = 0; i < items.size(); i++) {
			SyncItem item = items.get(i);
			try {
				item.change().validate("items[" + i + "].");
				times[i] = clientTime(item.timestamp(), i, now);
			}
			catch (ApiException ex) {
				results[i] = rejected(i, item, ex.code(), ex.getMessage());
			}
		}
		List<String> skillIds = new ArrayList<>(
				new LinkedHashSet<>(indexes(results).stream().map((i) -> items.get(i).skillId()).toList()));
		return this.catalog.resolve(skillIds).flatMap((known) -> {
			for (int i : indexes(results)) {
				if (!known.containsKey(items.get(i).skillId())) {
					results[i] = rejected(i, items.get(i), ErrorCode.BAD_USER_INPUT,
							unknownSkill(items.get(i).skillId(), "items[" + i + "].skillId").getMessage());
				}
			}
			return this.admission.run(() -> this.transaction.transactional(
					this.log.lockLearner(learnerId).then(applyItems(learnerId, items, times, known, results))));
		}).doOnNext((answered) -> {
			for (ItemResult result : answered) {
				// an outdated change is stored in the history too
				if (result.outcome() == Outcome.APPLIED || result.outcome() == Outcome.OUTDATED) {
					this.events.recorded(XapiVerb.of(items.get(result.index()).change().status()));
				}
			}
		}).map(SyncResult::new);
	}

	private Mono<List<ItemResult>> applyItems(String learnerId, List<SyncItem> items, Instant[] times,
			Map<String, String> known, ItemResult[] results) {
		Set<String> clientIds = new LinkedHashSet<>();
		for (int i : indexes(results)) {
			if (items.get(i).clientMutationId() != null) {
				clientIds.add(items.get(i).clientMutationId());
			}
		}
		Set<String> canonicalIds = new LinkedHashSet<>(known.values());
		return this.log.findByClientMutationIds(learnerId, clientIds)
			.collectMap(StatementRow::clientMutationId)
			// one after the other: both run on the transaction's single connection
			.flatMap((found) -> this.reader.ofSkills(learnerId, canonicalIds)
				.map((states) -> reactor.util.function.Tuples.of(found, states)))
			.flatMap((loaded) -> {
				Map<String, StatementRow> earlier = new HashMap<>(loaded.getT1());
				Map<String, SkillProgress> current = new HashMap<>(loaded.getT2());
				return Flux.fromIterable(indexes(results)).concatMap((i) -> {
					SyncItem item = items.get(i);
					ProgressChange change = item.change();
					StatementRow previous = change.clientMutationId() == null ? null
							: earlier.get(change.clientMutationId());
					if (previous != null) {
						if (!Objects.equals(previous.requestFingerprint(), change.fingerprint())) {
							results[i] = rejected(i, item, ErrorCode.CONFLICT, reusedMessage(change));
						}
						else {
							results[i] = new ItemResult(i, item.skillId(), Outcome.DUPLICATE, previous.id().toString(),
									null, null);
						}
						return Mono.empty();
					}
					String skillId = known.get(item.skillId());
					return this.log
						.appendStatus(learnerId, change.applyTo(current.get(skillId), skillId), times[i], "SYNC",
								change.clientMutationId(),
								change.clientMutationId() == null ? null : change.fingerprint())
						.doOnNext((appended) -> {
							StatementRow stored = appended.statement();
							if (appended.applied()) {
								current.put(skillId, stored.progress());
							}
							if (stored.clientMutationId() != null) {
								earlier.put(stored.clientMutationId(), stored);
							}
							results[i] = new ItemResult(i, item.skillId(),
									appended.applied() ? Outcome.APPLIED : Outcome.OUTDATED, stored.id().toString(),
									null, null);
						});
				}).then(Mono.fromSupplier(() -> {
					List<ItemResult> answered = new ArrayList<>(results.length);
					for (ItemResult result : results) {
						String skillId = known.get(result.skillId());
						answered.add(result.outcome() == Outcome.REJECTED || skillId == null ? result
								: result.withProgress(current.get(skillId)));
					}
					return answered;
				}));
			});
	}

	/**
	 * Sets the learner's skills of a roadmap (its current skills, asked of
	 * content-service) back to NOT_STARTED.
	 */
	public Mono<Long> resetRoadmap(String learnerId, String roadmapId) {
		if (roadmapId == null || roadmapId.isBlank() || roadmapId.length() > 200) {
			throw ApiException.badUserInput("roadmapId must be a roadmap id", Map.of("field", "roadmapId"));
		}
		return this.content.roadmapSkillIds(roadmapId)
			.flatMap((skillIds) -> skillIds.isEmpty()
					? Mono.error(ApiException.notFound("No roadmap '" + roadmapId + "'"))
					: this.admission.run(() -> this.transaction.transactional(
							this.log.lockLearner(learnerId).then(this.log.reset(learnerId, skillIds.get(), now())))))
			.doOnNext((count) -> this.events.recorded(XapiVerb.RESET, count));
	}

	/**
	 * The answer to {@code voidStatement}: the voiding statement and the skill's state
	 * after it.
	 */
	public record Voided(StatementRow voiding, SkillProgress progress) {
	}

	/**
	 * Voids one of the learner's STATUS statements and rebuilds the skill's state without
	 * it.
	 */
	public Mono<Voided> voidStatement(String learnerId, String statementId) {
		UUID id;
		try {
			id = UUID.fromString(statementId);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badUserInput("Not a statement id: '" + statementId + "'", Map.of("field", "id"));
		}
		return this.admission.run(() -> this.transaction.transactional(this.log.lockLearner(learnerId)
			.then(this.log.findById(learnerId, id))
			// another learner's statement is as absent as one that never existed
			.switchIfEmpty(Mono.error(ApiException.notFound("No statement " + statementId + " of yours")))
			.flatMap((target) -> {
				if (target.kind() == StatementRow.Kind.VOIDING) {
					return Mono.error(
							ApiException.badUserInput("A voiding statement cannot be voided", Map.of("field", "id")));
				}
				if (target.voided()) {
					return Mono.error(ApiException.conflict("Statement " + statementId + " is already voided",
							Map.of("field", "id")));
				}
				return this.log.appendVoiding(target, now())
					.flatMap((voiding) -> this.log.reproject(learnerId, target.skillId())
						.map((progress) -> new Voided(voiding, progress))
						.defaultIfEmpty(new Voided(voiding, null)));
			}))).doOnNext((voided) -> this.events.recorded(XapiVerb.VOIDED));
	}

	/**
	 * Erases the learner: statements, projection and settings. Returns (statements,
	 * progress rows).
	 */
	public Mono<long[]> deleteAll(String learnerId) {
		return this.admission.run(() -> this.transaction.transactional(this.log.lockLearner(learnerId)
			.then(this.log.deleteProgress(learnerId))
			.flatMap((progress) -> this.log.deleteStatements(learnerId)
				.flatMap((statements) -> this.log.deleteLearner(learnerId)
					.thenReturn(new long[] { statements, progress })))));
	}

	private StatementRow sameChange(StatementRow earlier, ProgressChange change) {
		if (!Objects.equals(earlier.requestFingerprint(), change.fingerprint())) {
			throw ApiException.conflict(reusedMessage(change), Map.of("field", "input.clientMutationId"));
		}
		return earlier;
	}

	private static String reusedMessage(ProgressChange change) {
		return "clientMutationId '" + change.clientMutationId()
				+ "' was already used for a different change; pick a new one per change";
	}

	private Instant now() {
		return Instant.now(this.clock);
	}

	/**
	 * The client's time of a change; a time ahead of the server's clock is taken as now.
	 */
	private static Instant clientTime(String timestamp, int index, Instant now) {
		Instant at;
		try {
			at = OffsetDateTime.parse(timestamp).toInstant();
		}
		catch (DateTimeParseException | NullPointerException ex) {
			throw ApiException.badUserInput("timestamp must be ISO-8601 with an offset, e.g. 2026-01-31T18:05:00Z",
					Map.of("field", "items[" + index + "].timestamp"));
		}
		return at.isAfter(now) ? now : at;
	}

	private static ApiException unknownSkill(String skillId, String field) {
		return ApiException.badUserInput("Unknown skill '" + skillId + "': content-service has no such skill",
				Map.of("field", field));
	}

	private static ItemResult rejected(int index, SyncItem item, ErrorCode code, String message) {
		return new ItemResult(index, item.skillId(), Outcome.REJECTED, null, null, new ItemError(code.name(), message));
	}

	/** Indexes of items not yet decided. */
	private static List<Integer> indexes(ItemResult[] results) {
		List<Integer> open = new ArrayList<>();
		for (int i = 0; i < results.length; i++) {
			if (results[i] == null) {
				open.add(i);
			}
		}
		return open;
	}

}
