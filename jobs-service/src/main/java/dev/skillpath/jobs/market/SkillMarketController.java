package dev.skillpath.jobs.market;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.skillpath.jobs.listing.Job;
import dev.skillpath.jobs.listing.JobPage;
import dev.skillpath.jobs.listing.JobRepository;
import dev.skillpath.jobs.listing.OffsetCursors;
import dev.skillpath.jobs.listing.Skill;
import dev.skillpath.jobs.tagging.CareerFigure;
import dev.skillpath.jobs.tagging.SkillCatalog;
import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.graphql.Connection;
import dev.skillpath.support.graphql.Cursors;
import org.dataloader.DataLoader;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * What the job market says about a roadmap skill ({@code Skill} is owned by
 * content-service; this subgraph adds fields to it), and {@code marketStats}.
 */
@Controller
public class SkillMarketController {

	private static final String CURSOR_KIND = "skill-jobs";

	private final JobRepository jobs;

	private final MarketRepository market;

	private final SkillCatalog catalog;

	/** A page of a skill's open jobs, the key of the batched loader. */
	record SkillPage(String skillId, int offset, int size) {
	}

	/** A skill's salaries in one currency, the key of the batched loader. */
	record SkillSalaries(String skillId, String currency) {
	}

	public SkillMarketController(JobRepository jobs, MarketRepository market, SkillCatalog catalog,
			BatchLoaderRegistry loaders) {
		this.jobs = jobs;
		this.market = market;
		this.catalog = catalog;
		// openJobs and salaryStats take arguments, so they cannot be @BatchMappings: data
		// loaders
		// collect the skills of a request and load them with one statement per distinct
		// arguments
		loaders.<SkillPage, JobPage<Job>>forName("skillOpenJobsLoader")
			.registerMappedBatchLoader((keys, env) -> Flux
				.fromIterable(
						keys.stream().collect(Collectors.groupingBy((k) -> List.of(k.offset(), k.size()))).values())
				.concatMap((group) -> jobs
					.requiringEach(group.stream().map(SkillPage::skillId).toList(), group.get(0).offset(),
							group.get(0).size())
					.map((pages) -> group.stream().collect(Collectors.toMap((k) -> k, (k) -> pages.get(k.skillId())))))
				.collectList()
				.map(SkillMarketController::merge));
		loaders.<SkillSalaries, SalaryStats>forName("skillSalaryStatsLoader")
			.registerMappedBatchLoader((keys, env) -> Flux
				.fromIterable(keys.stream().collect(Collectors.groupingBy(SkillSalaries::currency)).values())
				.concatMap((group) -> market
					.salaryFiguresOfEach(group.stream().map(SkillSalaries::skillId).toList(), group.get(0).currency())
					.map((figures) -> group.stream()
						.collect(Collectors.toMap((k) -> k,
								(k) -> statsOf(figures.getOrDefault(k.skillId(), NO_FIGURES), k.currency())))))
				.collectList()
				.map(SkillMarketController::merge));
	}

	private static final double[] NO_FIGURES = { 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN };

	private static <K, V> Map<K, V> merge(List<Map<K, V>> parts) {
		Map<K, V> all = new java.util.HashMap<>();
		parts.forEach(all::putAll);
		return all;
	}

	/** Any skill id resolves: a skill no listing names simply has no jobs. */
	@EntityMapping
	public Skill skill(@Argument String id) {
		return new Skill(id);
	}

	@SchemaMapping(typeName = "Skill", field = "openJobs")
	public CompletableFuture<Connection<Job>> openJobs(Skill skill, @Argument Integer first, @Argument String after,
			DataLoader<SkillPage, JobPage<Job>> skillOpenJobsLoader) {
		int size = Cursors.pageSize(first, 20, 100);
		int offset = OffsetCursors.offsetAfter(CURSOR_KIND, after);
		return skillOpenJobsLoader.load(new SkillPage(skill.id(), offset, size))
			.thenApply((page) -> OffsetCursors.connection(CURSOR_KIND, page.rows(), offset, size, page.total()));
	}

	@BatchMapping(typeName = "Skill", field = "jobCount")
	public Mono<Map<Skill, Integer>> jobCount(List<Skill> skills) {
		return this.market.jobCounts(skills.stream().map(Skill::id).distinct().toList())
			.map((counts) -> skills.stream()
				.distinct()
				.collect(Collectors.toMap((s) -> s, (s) -> counts.getOrDefault(s.id(), 0))));
	}

	@SchemaMapping(typeName = "Skill", field = "salaryStats")
	public CompletableFuture<SalaryStats> salaryStats(Skill skill, @Argument String currency,
			DataLoader<SkillSalaries, SalaryStats> skillSalaryStatsLoader) {
		return skillSalaryStatsLoader.load(new SkillSalaries(skill.id(), currencyCode(currency)));
	}

	@QueryMapping
	public Mono<MarketStats> marketStats(@Argument Integer topSkills, @Argument String currency) {
		int top = topSkills == null ? 10 : topSkills;
		if (top < 0 || top > 100) {
			return Mono
				.error(ApiException.badUserInput("topSkills must be between 0 and 100", Map.of("field", "topSkills")));
		}
		return Mono.defer(() -> Mono.zip(this.market.openJobs(), this.market.topSkills(top), stats(null, currency)))
			.map((all) -> new MarketStats(all.getT1(), all.getT2(), all.getT3()));
	}

	private Mono<SalaryStats> stats(String skillId, String currency) {
		String code = currencyCode(currency);
		return this.market.salaryFigures(skillId, code).map((f) -> statsOf(f, code));
	}

	/**
	 * The ISO 4217 code asked for (USD by default); anything else is the caller's error.
	 */
	private static String currencyCode(String currency) {
		String code = currency == null ? "USD" : currency.strip().toUpperCase(Locale.ROOT);
		if (!code.matches("[A-Z]{3}")) {
			throw ApiException.badUserInput("currency must be an ISO 4217 code such as USD",
					Map.of("field", "currency"));
		}
		return code;
	}

	/**
	 * Figures (count, min, p25, median, p75, max) beside the source article's reference
	 * salaries.
	 */
	private SalaryStats statsOf(double[] f, String code) {
		Double median = value(f[3]);
		List<SalaryStats.ReferenceSalary> reference = this.catalog.current()
			.figures()
			.stream()
			.filter((fact) -> "USD_PER_YEAR".equals(fact.unit()))
			.map((fact) -> new SalaryStats.ReferenceSalary(fact.id(), fact.statement(), fact.figure(),
					difference(median, fact, code)))
			.toList();
		return new SalaryStats((int) f[0], value(f[1]), value(f[2]), median, value(f[4]), value(f[5]), code, reference);
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
