package dev.skillpath.content.editing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.skillpath.content.history.ChangeLog;
import dev.skillpath.support.error.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Every change to the content: one transaction each, serialised by an advisory lock,
 * validated against the whole content before anything is written, and recorded in the
 * history in the same transaction. A refused change stores nothing.
 */
@Service
public class ContentWriter {

	static final String EDITOR = "EDITOR";

	static final String SHIPPED = "SHIPPED";

	private final ContentStore store;

	private final ChangeLog changes;

	private final TransactionalOperator transaction;

	ContentWriter(ContentStore store, ChangeLog changes, ReactiveTransactionManager transactionManager) {
		this.store = store;
		this.changes = changes;
		this.transaction = TransactionalOperator.create(transactionManager);
	}

	/** The outcome of {@link #upsertSkill}. */
	public record UpsertResult(String skillId, boolean created, boolean changed) {
	}

	/** The outcome of {@link #importDocument}. */
	public record ImportResult(String roadmapId, int created, int updated, int unchanged, int keptEditorVersion) {
	}

	public Mono<UpsertResult> upsertSkill(SkillDefinition input, String actor) {
		SkillDefinition skill = input.normalized();
		return inTransaction((content) -> {
			String item = "skill '" + skill.id() + "'";
			List<Problem> problems = new ArrayList<>(ContentValidator.checkFields(item, skill));
			SkillDefinition before = content.skills.get(skill.id());
			if (before == null && content.redirects.containsKey(skill.id())) {
				problems.add(new Problem(item, "id", "'" + skill.id()
						+ "' was merged into another skill and keeps resolving to it; choose another id"));
			}
			PlacementDefinition placement = skill.placement();
			if (placement != null) {
				ContentSnapshot.RoadmapState roadmap = content.roadmaps.get(placement.roadmapId());
				if (roadmap == null) {
					problems.add(new Problem(item, "placement.roadmapId",
							"unknown roadmap '" + placement.roadmapId() + "'"));
				}
				else if (placement.stage() == null || placement.stage() < 1
						|| placement.stage() > roadmap.stageTitles.size()) {
					problems.add(new Problem(item, "placement.stage", "roadmap '" + roadmap.id + "' has stages 1 to "
							+ roadmap.stageTitles.size() + ", not " + placement.stage()));
				}
			}
			refuseIfAny(problems);
			content.skills.put(skill.id(), skill.content());
			refuseIfAny(ContentValidator.checkGraph(content, List.of(skill.id())));

			boolean placementChanges = placement != null
					&& content.roadmaps.get(placement.roadmapId()).stageOf(skill.id()) != placement.stage();
			boolean contentChanges = !skill.sameContentAs(before);
			if (!contentChanges && !placementChanges) {
				return Mono.just(new UpsertResult(skill.id(), false, false));
			}
			Mono<Void> write = contentChanges
					? this.store.writeSkill(skill.content(), EDITOR, actor)
						.then(this.changes.record(actor, before == null ? "CREATE" : "UPDATE", "Skill", skill.id(),
								(before == null ? "Created " : "Updated ") + skill.name(), before, skill.content()))
					: Mono.empty();
			Mono<Void> place = placementChanges
					? this.store.place(placement.roadmapId(), placement.stage(), skill.id(), EDITOR)
						.then(this.changes.record(actor, "PLACE", "Skill", skill.id(),
								"Placed in stage " + placement.stage() + " of roadmap " + placement.roadmapId(), null,
								placement))
					: Mono.empty();
			return write.then(place).thenReturn(new UpsertResult(skill.id(), before == null, true));
		});
	}

	public Mono<String> deleteSkill(String id, String actor) {
		return inTransaction((content) -> {
			SkillDefinition before = content.skills.get(id);
			if (before == null) {
				return Mono.error(ApiException.notFound("No skill with id '" + id + "'"));
			}
			List<Problem> problems = new ArrayList<>();
			List<String> requiredBy = content.requiredBy(id);
			if (!requiredBy.isEmpty()) {
				problems.add(new Problem("skill '" + id + "'", "id", "is still required by "
						+ String.join(", ", requiredBy) + "; remove those prerequisites first"));
			}
			List<String> options = content.optionsOf(id);
			if (!options.isEmpty()) {
				problems.add(new Problem("skill '" + id + "'", "id",
						"is the choice of " + String.join(", ", options) + "; change their alternativeOf first"));
			}
			refuseIfAny(problems);
			return this.store.deleteSkill(id)
				.then(this.changes.record(actor, "DELETE", "Skill", id, "Deleted " + before.name(), before, null))
				.thenReturn(id);
		});
	}

	/**
	 * Folds {@code fromId} into {@code intoId}: prerequisites, dependants, options,
	 * aliases (the old name becomes one), resources and placements move over, and the old
	 * id keeps resolving.
	 */
	public Mono<String> mergeSkill(String fromId, String intoId, String actor) {
		return inTransaction((content) -> {
			SkillDefinition from = content.skills.get(fromId);
			SkillDefinition into = content.skills.get(intoId);
			if (from == null || into == null) {
				return Mono.error(ApiException.notFound("No skill with id '" + (from == null ? fromId : intoId) + "'"));
			}
			if (fromId.equals(intoId)) {
				return Mono
					.error(ApiException.badUserInput("A skill cannot be merged into itself", Map.of("field", "into")));
			}
			Map<String, SkillDefinition> changed = new LinkedHashMap<>();
			// the merged skill: union of prerequisites, aliases (plus the old name) and
			// resources
			Set<String> requires = new LinkedHashSet<>(into.requires());
			requires.addAll(from.requires());
			requires.remove(intoId);
			requires.remove(fromId);
			Set<String> aliases = new LinkedHashSet<>(into.aliases());
			Set<String> keys = new HashSet<>();
			aliases.forEach((a) -> keys.add(dev.skillpath.content.skill.SearchKeys.of(a)));
			keys.add(dev.skillpath.content.skill.SearchKeys.of(into.name()));
			for (String alias : concat(List.of(from.name()), from.aliases())) {
				if (keys.add(dev.skillpath.content.skill.SearchKeys.of(alias))) {
					aliases.add(alias);
				}
			}
			List<ResourceDefinition> resources = new ArrayList<>(into.resources());
			Set<String> urls = new HashSet<>();
			into.resources().forEach((r) -> urls.add(r.url()));
			from.resources().stream().filter((r) -> urls.add(r.url())).forEach(resources::add);
			content.skills.remove(fromId);
			SkillDefinition merged = into.withRequires(List.copyOf(requires))
				.withAliasesAndResources(List.copyOf(aliases), resources);
			if (fromId.equals(merged.alternativeOf())) {
				merged = merged.withAlternativeOf(null);
			}
			changed.put(intoId, merged);
			content.skills.put(intoId, merged);
			// every reference to the old id now points at the merged skill
			for (SkillDefinition other : List.copyOf(content.skills.values())) {
				SkillDefinition updated = other;
				if (other.requires().contains(fromId)) {
					Set<String> r = new LinkedHashSet<>();
					for (String req : other.requires()) {
						r.add(req.equals(fromId) ? intoId : req);
					}
					r.remove(other.id());
					updated = updated.withRequires(List.copyOf(r));
				}
				if (fromId.equals(other.alternativeOf())) {
					updated = updated.withAlternativeOf(other.id().equals(intoId) ? null : intoId);
				}
				if (updated != other) {
					changed.put(other.id(), updated);
					content.skills.put(other.id(), updated);
				}
			}
			refuseIfAny(ContentValidator.checkGraph(content, changed.keySet()));
			Mono<Void> writes = this.store.writeSkills(List.copyOf(changed.values()), EDITOR, actor);
			// redirect before deleting: the delete cascades to redirects that still point
			// at fromId,
			// which would lose the ids merged into fromId earlier
			return writes.then(this.store.movePlacements(fromId, intoId))
				.then(this.store.redirect(fromId, intoId))
				.then(this.store.deleteSkill(fromId))
				.then(this.changes.record(actor, "MERGE", "Skill", fromId,
						"Merged " + from.name() + " into " + into.name(), from, merged))
				.thenReturn(intoId);
		});
	}

	/**
	 * Imports a roadmap document all or nothing. An editor's import makes its skills and
	 * the roadmap editor-managed. A shipped import (the data file at start) leaves alone
	 * what editors changed: their skills, their placements, and a roadmap they imported
	 * themselves.
	 */
	public Mono<ImportResult> importDocument(RoadmapDocument given, boolean shipped, String actor) {
		return inTransaction((content) -> {
			// the data file keeps naming skills that editors merged or deleted; their
			// decision stands
			RoadmapDocument document = shipped ? EditorDecisions.apply(given, content) : given;
			List<Problem> problems = new ArrayList<>();
			if (document.formatVersion() != null && document.formatVersion() != RoadmapDocument.CURRENT_FORMAT) {
				problems.add(new Problem("document", "formatVersion", "format " + document.formatVersion()
						+ " is not supported; use " + RoadmapDocument.CURRENT_FORMAT));
			}
			List<SkillDefinition> skills = document.skills() == null ? List.of()
					: document.skills().stream().map(SkillDefinition::normalized).toList();
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < skills.size(); i++) {
				SkillDefinition skill = skills.get(i);
				String item = "skills[" + i + "] '" + skill.id() + "'";
				problems.addAll(ContentValidator.checkFields(item, skill));
				if (skill.id() != null && !seen.add(skill.id())) {
					problems.add(new Problem(item, "id", "duplicate id '" + skill.id() + "' in the document"));
				}
				if (skill.id() != null && !content.skills.containsKey(skill.id())
						&& content.redirects.containsKey(skill.id())) {
					problems.add(new Problem(item, "id", "'" + skill.id() + "' was merged into another skill"));
				}
			}
			problems.addAll(checkFacts(document.careerFacts()));
			refuseIfAny(problems);

			List<SkillDefinition> toWrite = new ArrayList<>();
			Map<String, SkillDefinition> befores = new LinkedHashMap<>();
			int unchanged = 0;
			int kept = EditorDecisions.skillCount(given) - EditorDecisions.skillCount(document);
			int created = 0;
			for (SkillDefinition skill : skills) {
				SkillDefinition before = content.skills.get(skill.id());
				if (shipped && before != null && EDITOR.equals(content.managedBy.get(skill.id()))) {
					kept++;
					continue;
				}
				if (skill.sameContentAs(before)) {
					unchanged++;
					continue;
				}
				if (before == null) {
					created++;
				}
				toWrite.add(skill.content());
				if (before != null) {
					befores.put(skill.id(), before);
				}
				content.skills.put(skill.id(), skill.content());
			}
			ContentSnapshot.RoadmapState existing = document.roadmap() == null ? null
					: content.roadmaps.get(document.roadmap().id());
			boolean writeRoadmap = !(shipped && existing != null && EDITOR.equals(existing.managedBy));
			if (writeRoadmap) {
				problems.addAll(ContentValidator.checkRoadmap(document.roadmap(), content));
			}
			problems.addAll(ContentValidator.checkGraph(content, toWrite.stream().map(SkillDefinition::id).toList()));
			refuseIfAny(problems);

			String managedBy = shipped ? SHIPPED : EDITOR;
			int updated = toWrite.size() - created;
			Mono<Void> writes = this.store.writeSkills(toWrite, managedBy, actor);
			Mono<Void> history = this.changes
				.recordAll(actor, shipped ? "SHIPPED_DATA" : "IMPORT", "Skill", toWrite.stream()
					.map((skill) -> new ChangeLog.Entry(skill.id(),
							(shipped ? "Shipped data: " : "Imported ") + skill.name(), befores.get(skill.id()), skill))
					.toList());
			Mono<Void> roadmap = writeRoadmap
					? this.store.writeRoadmap(document.roadmap(), managedBy, actor, shipped)
						.then(this.changes
							.record(actor, shipped ? "SHIPPED_DATA" : "IMPORT", "Roadmap", document.roadmap().id(),
									"Roadmap " + document.roadmap().title() + " with "
											+ document.roadmap().stages().size() + " stages",
									null, null))
					: Mono.empty();
			Mono<Void> facts = document.careerFacts() == null ? Mono.empty()
					: this.store.replaceCareerFacts(document.careerFacts());
			ImportResult result = new ImportResult(document.roadmap().id(), created, updated, unchanged, kept);
			return writes.then(history).then(roadmap).then(facts).thenReturn(result);
		});
	}

	private static List<Problem> checkFacts(List<RoadmapDocument.CareerFactDefinition> facts) {
		List<Problem> problems = new ArrayList<>();
		if (facts == null) {
			return problems;
		}
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < facts.size(); i++) {
			RoadmapDocument.CareerFactDefinition fact = facts.get(i);
			String item = "careerFacts[" + i + "]";
			ContentValidator.checkId(item, "id", fact.id(), problems);
			if (fact.id() != null && !ids.add(fact.id())) {
				problems.add(new Problem(item, "id", "duplicate id '" + fact.id() + "'"));
			}
			if (fact.statement() == null || fact.statement().isBlank()) {
				problems.add(new Problem(item, "statement", "must not be blank"));
			}
			if (fact.source() == null || fact.source().isBlank()) {
				problems.add(new Problem(item, "source", "every fact needs its source"));
			}
			if (fact.sourceUrl() != null && ContentValidator.urlProblem(fact.sourceUrl()) != null) {
				problems.add(new Problem(item, "sourceUrl", ContentValidator.urlProblem(fact.sourceUrl())));
			}
		}
		return problems;
	}

	private <T> Mono<T> inTransaction(java.util.function.Function<ContentSnapshot, Mono<T>> change) {
		return this.transaction.transactional(this.store.lock()
			.then(this.store.load())
			.flatMap((content) -> Mono.defer(() -> change.apply(content))));
	}

	private static void refuseIfAny(List<Problem> problems) {
		if (problems.isEmpty()) {
			return;
		}
		String message = problems.get(0).toString()
				+ (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : "");
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("item", problems.get(0).item());
		if (problems.get(0).field() != null) {
			details.put("field", problems.get(0).field());
		}
		details.put("problems", problems.stream().map(Problem::toMap).toList());
		throw ApiException.badUserInput(message, details);
	}

	private static List<String> concat(Collection<String> a, Collection<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

}
