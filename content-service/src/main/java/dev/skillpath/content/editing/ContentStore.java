package dev.skillpath.content.editing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.skillpath.content.skill.ResourceKind;
import dev.skillpath.content.skill.SearchKeys;
import dev.skillpath.content.skill.Skill;
import dev.skillpath.content.skill.SkillRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The SQL of the write side: reads the whole content into a {@link ContentSnapshot} and
 * writes skills, placements, roadmaps and facts. Only called inside a transaction that
 * holds the content lock (see {@link ContentWriter}).
 */
@Component
class ContentStore {

	/**
	 * Serialises all content writes; any constant unique to this service's database will
	 * do.
	 */
	private static final long CONTENT_LOCK = 0x5c111_7a7Fl;

	private final DatabaseClient db;

	ContentStore(DatabaseClient db) {
		this.db = db;
	}

	Mono<Void> lock() {
		return this.db.sql("SELECT pg_advisory_xact_lock(:key)").bind("key", CONTENT_LOCK).then();
	}

	Mono<ContentSnapshot> load() {
		ContentSnapshot snapshot = new ContentSnapshot();
		Mono<Map<String, List<ResourceDefinition>>> resources = this.db
			.sql("SELECT skill_id, title, url, kind, free FROM resource ORDER BY skill_id, position")
			.map((row) -> Map.entry(row.get("skill_id", String.class),
					new ResourceDefinition(row.get("title", String.class), row.get("url", String.class),
							ResourceKind.valueOf(row.get("kind", String.class)), row.get("free", Boolean.class))))
			.all()
			.collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
			.map((multi) -> {
				Map<String, List<ResourceDefinition>> lists = new java.util.HashMap<>();
				multi.forEach((k, v) -> lists.put(k, new ArrayList<>(v)));
				return lists;
			});
		Flux<Object[]> skills = this.db
			.sql("SELECT " + SkillRepository.SKILL_COLUMNS + ", s.managed_by FROM skill s ORDER BY s.id")
			.map((row) -> new Object[] { SkillRepository.map(row), row.get("managed_by", String.class) })
			.all();
		Mono<Map<String, String>> redirects = this.db.sql("SELECT old_id, skill_id FROM skill_redirect")
			.map((row) -> Map.entry(row.get("old_id", String.class), row.get("skill_id", String.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
		Mono<List<String>> deleted = this.db.sql("""
				SELECT DISTINCT c.entity_id FROM content_change c
				WHERE c.entity_type = 'Skill' AND c.action = 'DELETE'
				  AND NOT EXISTS (SELECT 1 FROM skill s WHERE s.id = c.entity_id)
				""").map((row) -> row.get("entity_id", String.class)).all().collectList();
		Mono<Void> roadmaps = this.db.sql("SELECT id, managed_by FROM roadmap ORDER BY id")
			.map((row) -> new ContentSnapshot.RoadmapState(row.get("id", String.class),
					row.get("managed_by", String.class)))
			.all()
			.doOnNext((roadmap) -> snapshot.roadmaps.put(roadmap.id, roadmap))
			.thenMany(this.db
				.sql("""
						SELECT st.roadmap_id, st.position, st.title,
						  coalesce((SELECT array_agg(ss.skill_id ORDER BY ss.position, ss.skill_id) FROM roadmap_stage_skill ss
						            WHERE ss.roadmap_id = st.roadmap_id AND ss.stage_position = st.position), '{}'::text[]) AS skills
						FROM roadmap_stage st ORDER BY st.roadmap_id, st.position
						""")
				.map((row) -> new Object[] { row.get("roadmap_id", String.class), row.get("title", String.class),
						new ArrayList<>(Arrays.asList(row.get("skills", String[].class))) })
				.all())
			.doOnNext((row) -> {
				ContentSnapshot.RoadmapState roadmap = snapshot.roadmaps.get((String) row[0]);
				roadmap.stageTitles.add((String) row[1]);
				@SuppressWarnings("unchecked")
				List<String> ids = (List<String>) row[2];
				roadmap.stageSkills.add(ids);
			})
			.then();
		return resources.flatMap((resourcesBySkill) -> skills.doOnNext((pair) -> {
			Skill skill = (Skill) pair[0];
			snapshot.skills.put(skill.id(),
					new SkillDefinition(skill.id(), skill.name(), skill.category(), skill.summary(), skill.aliases(),
							skill.requiresIds(), skill.alternativeOfId(), skill.estimatedHours(),
							resourcesBySkill.getOrDefault(skill.id(), List.of()), null));
			snapshot.managedBy.put(skill.id(), (String) pair[1]);
		}).then())
			.then(redirects.doOnNext(snapshot.redirects::putAll))
			.then(deleted.doOnNext(snapshot.deletedByEditors::addAll))
			.then(roadmaps)
			.thenReturn(snapshot);
	}

	/** Inserts or replaces a skill with its aliases, prerequisites and resources. */
	Mono<Void> writeSkill(SkillDefinition skill, String managedBy, String actor) {
		return writeSkills(List.of(skill), managedBy, actor);
	}

	/**
	 * Inserts or replaces skills with their aliases, prerequisites and resources, in
	 * seven statements however many skills there are (a roadmap import wrote eight per
	 * skill: 960 round trips for the shipped roadmap). The ids must be distinct.
	 */
	Mono<Void> writeSkills(List<SkillDefinition> skills, String managedBy, String actor) {
		if (skills.isEmpty()) {
			return Mono.empty();
		}
		String[] ids = skills.stream().map(SkillDefinition::id).toArray(String[]::new);
		Mono<Void> upsert = this.db.sql("""
				INSERT INTO skill (id, name, name_key, category, summary, alternative_of, estimated_hours, managed_by,
				                   updated_by)
				SELECT i, n, k, c, s, a, h, :managedBy, :actor
				FROM unnest(:ids::text[], :names::text[], :nameKeys::text[], :categories::text[], :summaries::text[],
				            :alternatives::text[], :hours::integer[]) AS t(i, n, k, c, s, a, h)
				ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key,
				  category = excluded.category, summary = excluded.summary, alternative_of = excluded.alternative_of,
				  estimated_hours = excluded.estimated_hours, managed_by = excluded.managed_by,
				  updated_by = excluded.updated_by, updated_at = now()
				""")
			.bind("ids", ids)
			.bind("names", skills.stream().map(SkillDefinition::name).toArray(String[]::new))
			.bind("nameKeys", skills.stream().map((skill) -> SearchKeys.of(skill.name())).toArray(String[]::new))
			.bind("categories", skills.stream().map((skill) -> skill.category().name()).toArray(String[]::new))
			.bind("summaries", skills.stream().map(SkillDefinition::summary).toArray(String[]::new))
			.bind("alternatives", skills.stream().map(SkillDefinition::alternativeOf).toArray(String[]::new))
			.bind("hours", skills.stream().map(SkillDefinition::estimatedHours).toArray(Integer[]::new))
			.bind("managedBy", managedBy)
			.bind("actor", actor)
			.then();
		Rows aliases = new Rows();
		Rows requirements = new Rows();
		Rows resources = new Rows();
		for (SkillDefinition skill : skills) {
			for (int i = 0; i < skill.aliases().size(); i++) {
				String alias = skill.aliases().get(i);
				aliases.add(skill.id(), i + 1, alias, SearchKeys.of(alias));
			}
			for (int i = 0; i < skill.requires().size(); i++) {
				requirements.add(skill.id(), i + 1, skill.requires().get(i));
			}
			for (int i = 0; i < skill.resources().size(); i++) {
				ResourceDefinition resource = skill.resources().get(i);
				resources.add(skill.id(), i + 1, resource.title(), resource.url(), resource.kind().name(),
						resource.free());
			}
		}
		return upsert
			.then(this.db.sql("DELETE FROM skill_alias WHERE skill_id = ANY(:ids::text[])").bind("ids", ids).then())
			.then(this.db.sql("DELETE FROM skill_requirement WHERE skill_id = ANY(:ids::text[])")
				.bind("ids", ids)
				.then())
			.then(this.db.sql("DELETE FROM resource WHERE skill_id = ANY(:ids::text[])").bind("ids", ids).then())
			.then(aliases.isEmpty() ? Mono.empty() : this.db.sql("""
					INSERT INTO skill_alias (skill_id, position, alias, alias_key)
					SELECT * FROM unnest(:skills::text[], :positions::integer[], :aliases::text[], :keys::text[])
					""")
				.bind("skills", aliases.skillIds())
				.bind("positions", aliases.positions())
				.bind("aliases", aliases.texts(0))
				.bind("keys", aliases.texts(1))
				.then())
			.then(requirements.isEmpty() ? Mono.empty()
					: this.db.sql("""
							INSERT INTO skill_requirement (skill_id, position, required_id)
							SELECT * FROM unnest(:skills::text[], :positions::integer[], :requires::text[])
							""")
						.bind("skills", requirements.skillIds())
						.bind("positions", requirements.positions())
						.bind("requires", requirements.texts(0))
						.then())
			.then(resources.isEmpty() ? Mono.empty()
					: this.db.sql("""
							INSERT INTO resource (skill_id, position, title, url, kind, free)
							SELECT * FROM unnest(:skills::text[], :positions::integer[], :titles::text[], :urls::text[],
							                     :kinds::text[], :frees::boolean[])
							""")
						.bind("skills", resources.skillIds())
						.bind("positions", resources.positions())
						.bind("titles", resources.texts(0))
						.bind("urls", resources.texts(1))
						.bind("kinds", resources.texts(2))
						.bind("frees", resources.flags())
						.then());
	}

	/**
	 * The rows of one child table of {@code skill}, as the columns that {@code unnest}
	 * takes.
	 */
	private static final class Rows {

		private final List<Object[]> rows = new ArrayList<>();

		void add(Object... row) {
			this.rows.add(row);
		}

		boolean isEmpty() {
			return this.rows.isEmpty();
		}

		String[] skillIds() {
			return this.rows.stream().map((row) -> (String) row[0]).toArray(String[]::new);
		}

		Integer[] positions() {
			return this.rows.stream().map((row) -> (Integer) row[1]).toArray(Integer[]::new);
		}

		/** The n-th text column after the skill id and position. */
		String[] texts(int n) {
			return this.rows.stream().map((row) -> (String) row[2 + n]).toArray(String[]::new);
		}

		/** The boolean last column. */
		Boolean[] flags() {
			return this.rows.stream().map((row) -> (Boolean) row[row.length - 1]).toArray(Boolean[]::new);
		}

	}

	Mono<Void> deleteSkill(String id) {
		return this.db.sql("DELETE FROM skill WHERE id = :id").bind("id", id).then();
	}

	/**
	 * Puts a skill at the end of a stage (moving it if it was elsewhere in that roadmap).
	 */
	Mono<Void> place(String roadmapId, int stage, String skillId, String managedBy) {
		return this.db.sql("""
				INSERT INTO roadmap_stage_skill (roadmap_id, stage_position, skill_id, position, managed_by)
				VALUES (:roadmap, :stage, :skill,
				        (SELECT coalesce(max(position), 0) + 1 FROM roadmap_stage_skill
				         WHERE roadmap_id = :roadmap AND stage_position = :stage), :managedBy)
				ON CONFLICT (roadmap_id, skill_id) DO UPDATE SET stage_position = excluded.stage_position,
				  position = excluded.position, managed_by = excluded.managed_by
				""")
			.bind("roadmap", roadmapId)
			.bind("stage", stage)
			.bind("skill", skillId)
			.bind("managedBy", managedBy)
			.then();
	}

	/** Redirects {@code fromId} (and ids that already led to it) to {@code toId}. */
	Mono<Void> redirect(String fromId, String toId) {
		return this.db.sql("UPDATE skill_redirect SET skill_id = :to WHERE skill_id = :from")
			.bind("to", toId)
			.bind("from", fromId)
			.then()
			.then(this.db.sql("INSERT INTO skill_redirect (old_id, skill_id) VALUES (:from, :to)")
				.bind("from", fromId)
				.bind("to", toId)
				.then());
	}

	/**
	 * Moves {@code fromId}'s placements to {@code toId} where {@code toId} is not placed
	 * yet.
	 */
	Mono<Void> movePlacements(String fromId, String toId) {
		return this.db.sql("""
				UPDATE roadmap_stage_skill f SET skill_id = :to
				WHERE f.skill_id = :from AND NOT EXISTS (
				  SELECT 1 FROM roadmap_stage_skill t WHERE t.roadmap_id = f.roadmap_id AND t.skill_id = :to)
				""").bind("to", toId).bind("from", fromId).then();
	}

	/**
	 * Writes a roadmap's row and stages. With {@code keepEditorPlacements}, skills that
	 * editors placed stay where they are (a shipped data file reload); otherwise the
	 * stages are replaced.
	 */
	Mono<Void> writeRoadmap(RoadmapDocument.RoadmapDefinition roadmap, String managedBy, String actor,
			boolean keepEditorPlacements) {
		int stageCount = roadmap.stages().size();
		Mono<Void> row = this.db.sql("""
				INSERT INTO roadmap (id, title, description, managed_by, updated_by)
				VALUES (:id, :title, :description, :managedBy, :actor)
				ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description,
				  managed_by = excluded.managed_by, updated_by = excluded.updated_by, updated_at = now()
				""")
			.bind("id", roadmap.id())
			.bind("title", roadmap.title().trim())
			.bind("description", roadmap.description().trim())
			.bind("managedBy", managedBy)
			.bind("actor", actor)
			.then();
		Mono<Void> clear = keepEditorPlacements ? this.db.sql("""
				DELETE FROM roadmap_stage_skill WHERE roadmap_id = :id AND managed_by <> 'EDITOR'
				""").bind("id", roadmap.id()).then().then(this.db.sql("""
				UPDATE roadmap_stage_skill SET stage_position = :last WHERE roadmap_id = :id AND stage_position > :last
				""").bind("id", roadmap.id()).bind("last", stageCount).then())
				: this.db.sql("DELETE FROM roadmap_stage_skill WHERE roadmap_id = :id").bind("id", roadmap.id()).then();
		Mono<Void> stages = this.db.sql("DELETE FROM roadmap_stage WHERE roadmap_id = :id AND position > :last")
			.bind("id", roadmap.id())
			.bind("last", stageCount)
			.then()
			.then(this.db.sql("""
					INSERT INTO roadmap_stage (roadmap_id, position, title)
					SELECT :id, n, t FROM unnest(:titles::text[]) WITH ORDINALITY AS x(t, n)
					ON CONFLICT (roadmap_id, position) DO UPDATE SET title = excluded.title
					""")
				.bind("id", roadmap.id())
				.bind("titles", roadmap.stages().stream().map((s) -> s.title().trim()).toArray(String[]::new))
				.then());
		List<String> skillIds = new ArrayList<>();
		List<Integer> stagePositions = new ArrayList<>();
		List<Integer> positions = new ArrayList<>();
		for (int i = 0; i < stageCount; i++) {
			List<String> ids = roadmap.stages().get(i).skills() == null ? List.of() : roadmap.stages().get(i).skills();
			for (int j = 0; j < ids.size(); j++) {
				skillIds.add(ids.get(j));
				stagePositions.add(i + 1);
				positions.add(j + 1);
			}
		}
		Mono<Void> placements = skillIds.isEmpty() ? Mono.empty()
				: this.db
					.sql("""
							INSERT INTO roadmap_stage_skill (roadmap_id, stage_position, skill_id, position, managed_by)
							SELECT :id, st, sk, p, :managedBy FROM unnest(:stages::int[], :skills::text[], :positions::int[]) AS x(st, sk, p)
							ON CONFLICT (roadmap_id, skill_id) DO NOTHING
							""")
					.bind("id", roadmap.id())
					.bind("managedBy", managedBy)
					.bind("stages", stagePositions.toArray(Integer[]::new))
					.bind("skills", skillIds.toArray(String[]::new))
					.bind("positions", positions.toArray(Integer[]::new))
					.then();
		return row.then(clear).then(stages).then(placements);
	}

	/** Replaces all career facts. */
	Mono<Void> replaceCareerFacts(List<RoadmapDocument.CareerFactDefinition> facts) {
		Mono<Void> insert = facts.isEmpty() ? Mono.empty() : this.db.sql("""
				INSERT INTO career_fact (id, statement, figure, unit, source, source_url, position)
				SELECT i, s, f, u, so, su, n
				FROM unnest(:ids::text[], :statements::text[], :figures::numeric[], :units::text[], :sources::text[],
				            :urls::text[]) WITH ORDINALITY AS x(i, s, f, u, so, su, n)
				""")
			.bind("ids", facts.stream().map((f) -> f.id().trim()).toArray(String[]::new))
			.bind("statements", facts.stream().map((f) -> f.statement().trim()).toArray(String[]::new))
			.bind("figures",
					facts.stream()
						.map((f) -> f.figure() == null ? null : BigDecimal.valueOf(f.figure()))
						.toArray(BigDecimal[]::new))
			.bind("units", facts.stream().map(RoadmapDocument.CareerFactDefinition::unit).toArray(String[]::new))
			.bind("sources", facts.stream().map((f) -> f.source().trim()).toArray(String[]::new))
			.bind("urls", facts.stream().map(RoadmapDocument.CareerFactDefinition::sourceUrl).toArray(String[]::new))
			.then();
		return this.db.sql("DELETE FROM career_fact").then().then(insert);
	}

}
