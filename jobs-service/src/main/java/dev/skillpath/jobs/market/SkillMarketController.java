package dev.skillpath.jobs.market;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.skillpath.jobs.listing.Job;
import dev.skillpath.jobs.listing.JobFilter;
import dev.skillpath.jobs.listing.JobRepository;
import dev.skillpath.jobs.listing.OffsetCursors;
import dev.skillpath.jobs.listing.Skill;
import dev.skillpath.jobs.tagging.CareerFigure;
import dev.skillpath.jobs.tagging.SkillCatalog;
import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.graphql.Connection;
import dev.skillpath.support.graphql.Cursors;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * What the job market says about a roadmap skill ({@code Skill} is owned by content-service; this
 * subgraph adds fields to it), and {@code marketStats}.
 */
@Controller
public class SkillMarketController {

	private static final String CURSOR_KIND = "skill-jobs";

	private final JobRepository jobs;

	private final MarketRepository market;

	private final SkillCatalog catalog;

	public SkillMarketController(JobRepository jobs, MarketRepository market, SkillCatalog catalog) {
		this.jobs = jobs;
		this.market = market;
		this.catalog = catalog;
	}

	/** Any skill id resolves: a skill no listing names simply has no jobs. */
	@EntityMapping
	public Skill skill(@Argument String id) {
		return new Skill(id);
	}

	@SchemaMapping(typeName = "Skill", field = "openJobs")
	public Mono<Connection<Job>> openJobs(Skill skill, @Argument Integer first, @Argument String after) {
		int size = Cursors.pageSize(first, 20, 100);
		int offset = OffsetCursors.offsetAfter(CURSOR_KIND, after);
		return this.jobs.search(JobFilter.requiring(skill.id()), "NEWEST", offset, size)
			.map((page) -> OffsetCursors.connection(CURSOR_KIND, page.rows(), offset, size, page.total()));
	}

	@BatchMapping(typeName = "Skill", field = "jobCount")
	public Mono<Map<Skill, Integer>> jobCount(List<Skill> skills) {
		return this.market.jobCounts(skills.stream().map(Skill::id).distinct().toList())
			.map((counts) -> skills.stream()
				.distinct()
				.collect(Collectors.toMap((s) -> s, (s) -> counts.getOrDefault(s.id(), 0))));
	}

	@SchemaMapping(typeName = "Skill", field = "salaryStats")
	public Mono<SalaryStats> salaryStats(Skill skill, @Argument String currency) {
		return stats(skill.id(), currency);
	}

	@QueryMapping
	public Mono<MarketStats> marketStats(@Argument Integer topSkills, @Argument String currency) {
		int top = topSkills == null ? 10 : topSkills;
		if (top < 0 || top > 100) {
			return Mono.error(ApiException.badUserInput("topSkills must be between 0 and 100", Map.of("field", "topSkills")));
		}
		return Mono.zip(this.market.openJobs(), this.market.topSkills(top), stats(null, currency))
			.map((all) -> new MarketStats(all.getT1(), all.getT2(), all.getT3()));
	}

	private Mono<SalaryStats> stats(String skillId, String currency) {
		String code = currency == null ? "USD" : currency.strip().toUpperCase(Locale.ROOT);
		if (!code.matches("[A-Z]{3}")) {
			return Mono.error(ApiException.badUserInput("currency must be an ISO 4217 code such as USD",
					Map.of("field", "currency")));
		}
		return this.market.salaryFigures(skillId, code).map((f) -> {
			Double median = value(f[3]);
			List<SalaryStats.ReferenceSalary> reference = this.catalog.current()
				.figures()
				.stream()
				.filter((fact) -> "USD_PER_YEAR".equals(fact.unit()))
				.map((fact) -> new SalaryStats.ReferenceSalary(fact.id(), fact.statement(), fact.figure(),
						difference(median, fact, code)))
				.toList();
			return new SalaryStats((int) f[0], value(f[1]), value(f[2]), median, value(f[4]), value(f[5]), code,
					reference);
		});
	}

	private static Double difference(Double median, CareerFigure fact, String currency) {
		if (median == null || !currency.equals("USD") || fact.figure() == 0) {
			return null;
		}
		return Math.round((median - fact.figure()) / fact.figure() * 1000) / 10.0;
	}

	private static Double value(double v) {
		return Double.isNaN(v) ? null : v;
	}

}
