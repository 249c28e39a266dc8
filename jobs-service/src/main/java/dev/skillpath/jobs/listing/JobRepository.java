package dev.skillpath.jobs.listing;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.skillpath.support.error.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Reads jobs. Each method is one SQL statement, whatever the number of ids or rows: pages
 * carry their total through a window function, and batches bind their ids as one array.
 */
@Repository
public class JobRepository {

	private final DatabaseClient db;

	public JobRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Jobs by id (open or not); unknown or malformed ids are absent from the map. */
	public Mono<Map<String, Job>> findByIds(Collection<String> ids) {
		String[] uuids = ids.stream().filter(JobRepository::isUuid).distinct().toArray(String[]::new);
		if (uuids.length == 0) {
			return Mono.just(Map.of());
		}
		return this.db.sql("SELECT " + JobRows.COLUMNS + " FROM job j WHERE j.id = ANY(:ids::uuid[])")
			.bind("ids", uuids)
			.map(JobRows::map)
			.all()
			.collectMap(Job::id);
	}

	/**
	 * Open jobs matching {@code filter}, {@code limit} rows from {@code offset}, with the
	 * total.
	 */
	public Mono<JobPage<Job>> search(JobFilter filter, String sort, int offset, int limit) {
		List<String> where = new ArrayList<>(List.of(JobRows.OPEN));
		Map<String, Object> binds = new java.util.HashMap<>();
		boolean hasText = filter.text() != null && !filter.text().isBlank();
		if (hasText) {
			if (filter.text().length() > 200) {
				throw ApiException.badUserInput("Search text is limited to 200 characters", Map.of("field", "text"));
			}
			where.add("j.search @@ websearch_to_tsquery('english', :text)");
			binds.put("text", filter.text());
		}
		if (filter.skills() != null && !filter.skills().isEmpty()) {
			where.add("(j.required_skills || j.nice_skills) @> :skills::text[]");
			binds.put("skills", filter.skills().toArray(String[]::new));
		}
		if (filter.requiredSkill() != null) {
			where.add("j.required_skills @> ARRAY[:requiredSkill::text]");
			binds.put("requiredSkill", filter.requiredSkill());
		}
		if (filter.remote() != null) {
			where.add("j.remote = :remote");
			binds.put("remote", filter.remote());
		}
		if (filter.country() != null) {
			where.add("j.country = :country");
			binds.put("country", filter.country().trim().toUpperCase(java.util.Locale.ROOT));
		}
		if (filter.employmentType() != null) {
			where.add("j.employment_type = :employmentType");
			binds.put("employmentType", filter.employmentType().trim().toUpperCase(java.util.Locale.ROOT));
		}
		if (filter.minAnnualSalary() != null) {
			where.add("coalesce(j.annual_max, j.annual_min) >= :minSalary");
			binds.put("minSalary", java.math.BigDecimal.valueOf(filter.minAnnualSalary()));
		}
		if (filter.postedAfter() != null) {
			where.add("j.posted_at >= :postedAfter");
			binds.put("postedAfter", parseTime(filter.postedAfter(), "postedAfter"));
		}
		String order = switch (sort == null ? "RELEVANCE" : sort) {
			case "SALARY" -> "coalesce(j.annual_max, j.annual_min) DESC NULLS LAST, j.posted_at DESC, j.id";
			case "NEWEST" -> "j.posted_at DESC, j.id";
			default ->
				hasText ? "ts_rank(j.search, websearch_to_tsquery('english', :text)) DESC, j.posted_at DESC, j.id"
						: "j.posted_at DESC, j.id";
		};
		String sql = "SELECT " + JobRows.COLUMNS + ", count(*) OVER () AS total FROM job j WHERE "
				+ String.join(" AND ", where) + " ORDER BY " + order + " LIMIT :limit OFFSET :offset";
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(sql).bind("limit", limit).bind("offset", offset);
		for (Map.Entry<String, Object> bind : binds.entrySet()) {
			spec = spec.bind(bind.getKey(), bind.getValue());
		}
		return spec.map((row) -> Map.entry(JobRows.map(row), row.get("total", Long.class).intValue()))
			.all()
			.collectList()
			.map((rows) -> new JobPage<>(rows.stream().map(Map.Entry::getKey).toList(),
					rows.isEmpty() ? 0 : rows.get(0).getValue()));
	}

	/**
	 * Open jobs requiring each skill, newest first, {@code limit} rows from
	 * {@code offset}, with each skill's total: one statement for the whole batch of
	 * skills.
	 */
	public Mono<Map<String, JobPage<Job>>> requiringEach(Collection<String> skillIds, int offset, int limit) {
		String[] ids = skillIds.stream().distinct().toArray(String[]::new);
		return this.db.sql("SELECT k.skill_id, p.* FROM unnest(:ids::text[]) AS k(skill_id) CROSS JOIN LATERAL (SELECT "
				+ JobRows.COLUMNS + ", count(*) OVER () AS total FROM job j WHERE " + JobRows.OPEN
				+ " AND j.required_skills @> ARRAY[k.skill_id] ORDER BY j.posted_at DESC, j.id LIMIT :limit OFFSET :offset) p")
			.bind("ids", ids)
			.bind("limit", limit)
			.bind("offset", offset)
			.map((row) -> Map.entry(row.get("skill_id", String.class),
					Map.entry(JobRows.map(row), row.get("total", Long.class).intValue())))
			.all()
			.collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
			.map((bySkill) -> {
				Map<String, JobPage<Job>> pages = new java.util.HashMap<>();
				for (String id : ids) {
					List<Map.Entry<Job, Integer>> rows = new ArrayList<>(bySkill.getOrDefault(id, List.of()));
					pages.put(id, new JobPage<>(rows.stream().map(Map.Entry::getKey).toList(),
							rows.isEmpty() ? 0 : rows.get(0).getValue()));
				}
				return pages;
			});
	}

	/** Active sources of each job, in one statement. */
	public Mono<Map<String, List<JobSource>>> sourcesOf(Collection<String> jobIds) {
		return this.db.sql("""
				SELECT job_id, partner_id, external_id, url FROM job_source
				WHERE job_id = ANY(:ids::uuid[]) AND removed_at IS NULL ORDER BY created_at, partner_id
				""")
			.bind("ids", jobIds.stream().distinct().toArray(String[]::new))
			.map((row) -> Map.entry(row.get("job_id", UUID.class).toString(),
					new JobSource(row.get("partner_id", String.class), row.get("external_id", String.class),
							row.get("url", String.class))))
			.all()
			.collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
			.map((grouped) -> {
				Map<String, List<JobSource>> result = new java.util.HashMap<>();
				grouped.forEach((id, sources) -> result.put(id, List.copyOf(sources)));
				return result;
			});
	}

	static OffsetDateTime parseTime(String value, String field) {
		try {
			return OffsetDateTime.parse(value);
		}
		catch (DateTimeParseException ex) {
			try {
				return java.time.LocalDate.parse(value).atStartOfDay().atOffset(java.time.ZoneOffset.UTC);
			}
			catch (DateTimeParseException again) {
				throw ApiException.badUserInput(field + " must be an ISO-8601 date or date-time, was '" + value + "'",
						Map.of("field", field));
			}
		}
	}

	static boolean isUuid(String value) {
		try {
			UUID.fromString(value);
			return value.length() == 36;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
