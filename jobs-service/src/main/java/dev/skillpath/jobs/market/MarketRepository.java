package dev.skillpath.jobs.market;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.skillpath.jobs.listing.JobRows;
import dev.skillpath.jobs.listing.Skill;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Figures over open listings: demand per skill and salary percentiles. */
@Repository
public class MarketRepository {

	/** A listing's annual salary: the middle of its range, or the one end it gives. */
	private static final String ANNUAL = "(coalesce(j.annual_min, j.annual_max) + coalesce(j.annual_max, j.annual_min)) / 2";

	private final DatabaseClient db;

	public MarketRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Open listings requiring each skill, in one statement for the batch. */
	public Mono<Map<String, Integer>> jobCounts(Collection<String> skillIds) {
		return this.db
			.sql("SELECT s AS skill_id, count(*) AS n FROM job j, unnest(j.required_skills) AS s WHERE " + JobRows.OPEN
					+ " AND s = ANY(:ids::text[]) GROUP BY s")
			.bind("ids", skillIds.toArray(String[]::new))
			.map((row) -> Map.entry(row.get("skill_id", String.class), row.get("n", Long.class).intValue()))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * Percentiles of annual salaries in {@code currency}, of listings requiring
	 * {@code skillId} (all when null).
	 */
	public Mono<double[]> salaryFigures(String skillId, String currency) {
		String sql = "SELECT count(*) AS n, min(a) AS min, percentile_cont(0.25) WITHIN GROUP (ORDER BY a) AS p25, "
				+ "percentile_cont(0.5) WITHIN GROUP (ORDER BY a) AS median, "
				+ "percentile_cont(0.75) WITHIN GROUP (ORDER BY a) AS p75, max(a) AS max FROM (SELECT " + ANNUAL
				+ " AS a FROM job j WHERE " + JobRows.OPEN + " AND j.salary_currency = :currency"
				+ (skillId == null ? "" : " AND j.required_skills @> ARRAY[:skill::text]")
				+ " AND coalesce(j.annual_min, j.annual_max) IS NOT NULL) s";
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(sql).bind("currency", currency);
		if (skillId != null) {
			spec = spec.bind("skill", skillId);
		}
		return spec.map(MarketRepository::figures).one();
	}

	/**
	 * {@link #salaryFigures} for each of {@code skillIds}, in one statement for the
	 * batch.
	 */
	public Mono<Map<String, double[]>> salaryFiguresOfEach(Collection<String> skillIds, String currency) {
		String[] ids = skillIds.stream().distinct().toArray(String[]::new);
		return this.db
			.sql("SELECT k.skill_id, count(s.a) AS n, min(s.a) AS min, "
					+ "percentile_cont(0.25) WITHIN GROUP (ORDER BY s.a) AS p25, "
					+ "percentile_cont(0.5) WITHIN GROUP (ORDER BY s.a) AS median, "
					+ "percentile_cont(0.75) WITHIN GROUP (ORDER BY s.a) AS p75, max(s.a) AS max "
					+ "FROM unnest(:ids::text[]) AS k(skill_id) LEFT JOIN LATERAL (SELECT " + ANNUAL
					+ " AS a FROM job j WHERE " + JobRows.OPEN
					+ " AND j.salary_currency = :currency AND j.required_skills @> ARRAY[k.skill_id]"
					+ " AND coalesce(j.annual_min, j.annual_max) IS NOT NULL) s ON true GROUP BY k.skill_id")
			.bind("ids", ids)
			.bind("currency", currency)
			.map((row) -> Map.entry(row.get("skill_id", String.class), figures(row)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private static double[] figures(io.r2dbc.spi.Readable row) {
		return new double[] { row.get("n", Long.class), num(row.get("min", BigDecimal.class)),
				dbl(row.get("p25", Double.class)), dbl(row.get("median", Double.class)),
				dbl(row.get("p75", Double.class)), num(row.get("max", BigDecimal.class)) };
	}

	public Mono<Integer> openJobs() {
		return this.db.sql("SELECT count(*) AS n FROM job j WHERE " + JobRows.OPEN)
			.map((row) -> row.get("n", Long.class).intValue())
			.one();
	}

	public Mono<List<MarketStats.SkillDemand>> topSkills(int limit) {
		return this.db
			.sql("SELECT s AS skill_id, count(*) AS n FROM job j, unnest(j.required_skills) AS s WHERE " + JobRows.OPEN
					+ " GROUP BY s ORDER BY n DESC, s LIMIT :limit")
			.bind("limit", limit)
			.map((row) -> new MarketStats.SkillDemand(new Skill(row.get("skill_id", String.class)),
					row.get("n", Long.class).intValue()))
			.all()
			.collectList();
	}

	private static double num(BigDecimal value) {
		return value == null ? Double.NaN : value.doubleValue();
	}

	private static double dbl(Double value) {
		return value == null ? Double.NaN : value;
	}

}
