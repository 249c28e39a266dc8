package dev.skillpath.jobs.matching;

import java.util.Collection;
import java.util.Map;

import dev.skillpath.jobs.listing.Job;
import dev.skillpath.jobs.listing.JobPage;
import dev.skillpath.jobs.listing.JobRows;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Ranks open jobs by the share of their required skills found in a set of completed
 * skills.
 */
@Repository
public class MatchRepository {

	private final DatabaseClient db;

	public MatchRepository(DatabaseClient db) {
		this.db = db;
	}

	/** One statement: the page, each row's score, and the total number of matches. */
	public Mono<JobPage<Map.Entry<Job, Double>>> matches(Collection<String> completed, double minScore, int offset,
			int limit) {
		String sql = "SELECT " + JobRows.COLUMNS
				+ """
						, m.score, count(*) OVER () AS total
						FROM job j
						CROSS JOIN LATERAL (
						    SELECT count(*) FILTER (WHERE s = ANY(:done::text[]))::float8 / cardinality(j.required_skills) AS score
						    FROM unnest(j.required_skills) AS s) m
						WHERE\s"""
				+ JobRows.OPEN
				+ """
						 AND cardinality(j.required_skills) > 0 AND j.required_skills && :done::text[] AND m.score >= :minScore
						ORDER BY m.score DESC, cardinality(j.required_skills) DESC, j.posted_at DESC, j.id
						LIMIT :limit OFFSET :offset
						""";
		return this.db.sql(sql)
			.bind("done", completed.toArray(String[]::new))
			.bind("minScore", minScore)
			.bind("limit", limit)
			.bind("offset", offset)
			.map((row) -> Map.entry(Map.entry(JobRows.map(row), row.get("score", Double.class)),
					row.get("total", Long.class).intValue()))
			.all()
			.collectList()
			.map((rows) -> new JobPage<>(rows.stream().map(Map.Entry::getKey).toList(),
					rows.isEmpty() ? 0 : rows.get(0).getValue()));
	}

}
