package dev.skillpath.progress.privacy;

import java.util.List;
import java.util.Map;

import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.security.Callers;
import dev.skillpath.support.security.Role;
import reactor.core.publisher.Flux;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Controller;

/** Aggregate progress per skill for operators (ADMIN): one statement, counts only. */
@Controller
public class ProgressStatsController {

	private final DatabaseClient db;

	public ProgressStatsController(DatabaseClient db) {
		this.db = db;
	}

	@QueryMapping
	public Flux<SkillProgressStats> progressStats(@Argument List<String> skillIds) {
		if (skillIds != null && skillIds.size() > 500) {
			throw ApiException.badUserInput("At most 500 skill ids at once", Map.of("field", "skillIds"));
		}
		return Callers.withRole(Role.ADMIN).flatMapMany((admin) -> {
			var spec = this.db.sql("""
					SELECT skill_id, count(*) AS learners,
					       count(*) FILTER (WHERE status = 'NOT_STARTED') AS not_started,
					       count(*) FILTER (WHERE status = 'LEARNING') AS learning,
					       count(*) FILTER (WHERE status = 'DONE') AS done,
					       count(*) FILTER (WHERE status = 'SKIPPED') AS skipped
					FROM skill_progress
					""" + (skillIds == null ? "" : " WHERE skill_id = ANY(:ids::text[])")
					+ " GROUP BY skill_id ORDER BY skill_id");
			if (skillIds != null) {
				spec = spec.bind("ids", skillIds.toArray(String[]::new));
			}
			return spec
				.map((row) -> new SkillProgressStats(row.get("skill_id", String.class),
						row.get("learners", Long.class).intValue(), row.get("not_started", Long.class).intValue(),
						row.get("learning", Long.class).intValue(), row.get("done", Long.class).intValue(),
						row.get("skipped", Long.class).intValue()))
				.all();
		});
	}

}
