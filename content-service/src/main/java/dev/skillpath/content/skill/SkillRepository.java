package dev.skillpath.content.skill;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Reads skills. Every method answers a whole batch of ids with one SQL statement, so
 * GraphQL fields and federation {@code _entities} never query once per skill.
 */
@Repository
public class SkillRepository {

	public static final String SKILL_COLUMNS = """
			s.id, s.name, s.category, s.summary, s.alternative_of, s.estimated_hours, s.updated_at,
			coalesce((SELECT array_agg(a.alias ORDER BY a.position) FROM skill_alias a WHERE a.skill_id = s.id),
			         '{}'::text[]) AS aliases,
			coalesce((SELECT array_agg(r.required_id ORDER BY r.position) FROM skill_requirement r
			          WHERE r.skill_id = s.id), '{}'::text[]) AS requires
			""";

	private final DatabaseClient db;

	public SkillRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Resolves ids as clients know them, following the redirects of merged skills: one
	 * statement for the whole batch. The map is keyed by the id asked for; unknown ids
	 * are absent.
	 */
	public Mono<Map<String, Skill>> resolve(Collection<String> keys) {
		if (keys.isEmpty()) {
			return Mono.just(Map.of());
		}
		String sql = "SELECT k.key AS requested_id, " + SKILL_COLUMNS + """
				FROM unnest(:keys::text[]) AS k(key)
				LEFT JOIN skill_redirect d ON d.old_id = k.key
				JOIN skill s ON s.id = coalesce(d.skill_id, k.key)
				""";
		return this.db.sql(sql)
			.bind("keys", keys.toArray(String[]::new))
			.map((row) -> Map.entry(row.get("requested_id", String.class), map(row)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** Skills by their current ids, in no particular order. */
	public Flux<Skill> findByIds(Collection<String> ids) {
		if (ids.isEmpty()) {
			return Flux.empty();
		}
		return this.db.sql("SELECT " + SKILL_COLUMNS + " FROM skill s WHERE s.id = ANY(:ids::text[])")
			.bind("ids", ids.toArray(String[]::new))
			.map(SkillRepository::map)
			.all();
	}

	/** One page ordered by id, after {@code afterId}, with {@code limit} rows. */
	public Flux<Skill> page(SkillFilter filter, String afterId, int limit) {
		var spec = this.db.sql("SELECT " + SKILL_COLUMNS + " FROM skill s WHERE " + where(filter)
				+ " AND (:after::text IS NULL OR s.id > :after::text) ORDER BY s.id LIMIT :limit");
		spec = bindFilter(spec, filter).bind("limit", limit);
		spec = afterId == null ? spec.bindNull("after", String.class) : spec.bind("after", afterId);
		return spec.map(SkillRepository::map).all();
	}

	public Mono<Integer> count(SkillFilter filter) {
		var spec = this.db.sql("SELECT count(*) AS n FROM skill s WHERE " + where(filter));
		return bindFilter(spec, filter).map((row) -> row.get("n", Long.class).intValue()).one();
	}

	private static String where(SkillFilter filter) {
		List<String> conditions = new ArrayList<>();
		conditions.add("true");
		if (filter.category() != null) {
			conditions.add("s.category = :category");
		}
		if (filter.roadmapId() != null) {
			conditions.add(
					"EXISTS (SELECT 1 FROM roadmap_stage_skill rs WHERE rs.skill_id = s.id AND rs.roadmap_id = :roadmap)");
		}
		if (Boolean.TRUE.equals(filter.hasFreeResources())) {
			conditions.add("EXISTS (SELECT 1 FROM resource r WHERE r.skill_id = s.id AND r.free)");
		}
		return String.join(" AND ", conditions);
	}

	private static DatabaseClient.GenericExecuteSpec bindFilter(DatabaseClient.GenericExecuteSpec spec,
			SkillFilter filter) {
		if (filter.category() != null) {
			spec = spec.bind("category", filter.category().name());
		}
		if (filter.roadmapId() != null) {
			spec = spec.bind("roadmap", filter.roadmapId());
		}
		return spec;
	}

	/** For each id, the skills that require it. */
	public Mono<Map<String, List<Skill>>> unlocking(Collection<String> ids) {
		return grouped("""
				SELECT r.required_id AS group_id, %s FROM skill_requirement r JOIN skill s ON s.id = r.skill_id
				WHERE r.required_id = ANY(:ids::text[]) ORDER BY s.name
				""".formatted(SKILL_COLUMNS), ids);
	}

	/** For each choice id, its options. */
	public Mono<Map<String, List<Skill>>> alternativesOf(Collection<String> ids) {
		return grouped("""
				SELECT s.alternative_of AS group_id, %s FROM skill s
				WHERE s.alternative_of = ANY(:ids::text[]) ORDER BY s.name
				""".formatted(SKILL_COLUMNS), ids);
	}

	private Mono<Map<String, List<Skill>>> grouped(String sql, Collection<String> ids) {
		return this.db.sql(sql)
			.bind("ids", ids.toArray(String[]::new))
			.map((row) -> Map.entry(row.get("group_id", String.class), map(row)))
			.all()
			.collect(LinkedHashMap::new, (map, entry) -> map.computeIfAbsent(entry.getKey(), (k) -> new ArrayList<>())
				.add(entry.getValue()));
	}

	/** Resources of each skill, in their order. */
	public Mono<Map<String, List<Resource>>> resourcesOf(Collection<String> ids) {
		return this.db.sql("""
				SELECT skill_id, title, url, kind, free FROM resource
				WHERE skill_id = ANY(:ids::text[]) ORDER BY skill_id, position
				""")
			.bind("ids", ids.toArray(String[]::new))
			.map((row) -> Map.entry(row.get("skill_id", String.class),
					new Resource(row.get("title", String.class), row.get("url", String.class),
							ResourceKind.valueOf(row.get("kind", String.class)), row.get("free", Boolean.class))))
			.all()
			.collect(LinkedHashMap::new,
					(Map<String, List<Resource>> map, Map.Entry<String, Resource> entry) -> map
						.computeIfAbsent(entry.getKey(), (k) -> new ArrayList<>())
						.add(entry.getValue()));
	}

	/**
	 * Names and aliases matching {@code key} (already a {@link SearchKeys search key}),
	 * best first: exact, then prefix, then word prefix, then substring; names before
	 * aliases, shorter texts before longer.
	 */
	public Flux<SkillMatch> search(String key, int limit) {
		String sql = """
				WITH candidate AS (
				  SELECT s.id AS skill_id, 'NAME' AS matched_on, s.name AS matched_text, s.name_key AS k, 0 AS penalty
				  FROM skill s
				  UNION ALL
				  SELECT a.skill_id, 'ALIAS', a.alias, a.alias_key, 5 FROM skill_alias a
				  UNION ALL
				  SELECT s.id, 'ID', s.id, replace(s.id, '-', ' '), 8 FROM skill s
				), scored AS (
				  SELECT skill_id, matched_on, matched_text,
				    (CASE WHEN k = :q THEN 100
				          WHEN starts_with(k, :q) THEN 80
				          WHEN position(' ' || :q IN ' ' || k) > 0 THEN 70
				          WHEN position(:q IN k) > 0 THEN 50
				     END) - penalty - length(k) / 100.0 AS score
				  FROM candidate
				), best AS (
				  SELECT DISTINCT ON (skill_id) skill_id, matched_on, matched_text, score
				  FROM scored WHERE score IS NOT NULL
				  ORDER BY skill_id, score DESC
				)
				SELECT b.matched_on, b.matched_text, b.score, %s
				FROM best b JOIN skill s ON s.id = b.skill_id
				ORDER BY b.score DESC, s.name
				LIMIT :limit
				""".formatted(SKILL_COLUMNS);
		return this.db.sql(sql)
			.bind("q", key)
			.bind("limit", limit)
			.map((row) -> new SkillMatch(map(row), row.get("matched_on", String.class),
					row.get("matched_text", String.class), row.get("score", java.math.BigDecimal.class).doubleValue()))
			.all();
	}

	/** Every prerequisite edge reachable from {@code id}, as (skill, required) pairs. */
	public Flux<String[]> prerequisiteEdges(String id) {
		return this.db.sql("""
				WITH RECURSIVE reach(skill_id) AS (
				  SELECT :id::text
				  UNION
				  SELECT r.required_id FROM skill_requirement r JOIN reach ON r.skill_id = reach.skill_id
				)
				SELECT r.skill_id, r.required_id FROM skill_requirement r JOIN reach ON r.skill_id = reach.skill_id
				""")
			.bind("id", id)
			.map((row) -> new String[] { row.get("skill_id", String.class), row.get("required_id", String.class) })
			.all();
	}

	public static Skill map(Readable row) {
		OffsetDateTime updated = row.get("updated_at", OffsetDateTime.class);
		return new Skill(row.get("id", String.class), row.get("name", String.class),
				SkillCategory.valueOf(row.get("category", String.class)), row.get("summary", String.class),
				Arrays.asList(row.get("aliases", String[].class)), Arrays.asList(row.get("requires", String[].class)),
				row.get("alternative_of", String.class), row.get("estimated_hours", Integer.class),
				updated == null ? null : updated.toInstant());
	}

}
