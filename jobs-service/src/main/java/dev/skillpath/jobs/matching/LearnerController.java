package dev.skillpath.jobs.matching;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.skillpath.jobs.listing.OffsetCursors;
import dev.skillpath.jobs.listing.Skill;
import dev.skillpath.support.error.ApiException;
import dev.skillpath.jobs.tagging.SkillCatalog;
import dev.skillpath.support.graphql.Cursors;
import dev.skillpath.support.graphql.PageInfo;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code Learner.matchingJobs}. The learner's completed skills arrive in the entity
 * representation ({@code @requires}), so this service needs no call to progress-service,
 * and nothing private is read here: the listings are public and the skills come from the
 * caller.
 */
@Controller
public class LearnerController {

	private static final String CURSOR_KIND = "matches";

	private final MatchRepository matches;

	private final SkillCatalog skills;

	public LearnerController(MatchRepository matches, SkillCatalog skills) {
		this.matches = matches;
		this.skills = skills;
	}

	@EntityMapping
	public Learner learner(@Argument String id, Map<String, Object> representation) {
		Object completed = representation.get("completedSkillIds");
		if (!(completed instanceof List<?> list)) {
			throw ApiException.badUserInput("A Learner representation needs completedSkillIds (the field is @requires)",
					Map.of("field", "completedSkillIds"));
		}
		// absent from a router that plans with an older schema: nothing counts as skipped
		Object skipped = representation.get("skippedSkillIds");
		return new Learner(id, list.stream().map(String::valueOf).toList(),
				skipped instanceof List<?> skips ? skips.stream().map(String::valueOf).toList() : List.of());
	}

	@SchemaMapping(typeName = "Learner", field = "matchingJobs")
	public Mono<JobMatchConnection> matchingJobs(Learner learner, @Argument Integer first, @Argument String after,
			@Argument Double minScore) {
		int size = Cursors.pageSize(first, 20, 100);
		int offset = OffsetCursors.offsetAfter(CURSOR_KIND, after);
		double threshold = minScore == null ? 0.01 : minScore;
		if (threshold < 0 || threshold > 1) {
			return Mono.error(ApiException.badUserInput("minScore must be between 0 and 1, was " + threshold,
					Map.of("field", "minScore")));
		}
		Set<String> done = new HashSet<>(learner.completedSkillIds());
		// what a job may ask for and the learner has: done, skipped (the learner says
		// they know
		// it), and a choice one of whose options is done (PostgreSQL settles "a
		// relational database")
		Set<String> met = new HashSet<>(done);
		met.addAll(learner.skippedSkillIds());
		met.addAll(this.skills.current().choicesSettledBy(done));
		if (met.isEmpty() || size == 0) {
			return Mono.just(new JobMatchConnection(List.of(), new PageInfo(false, offset > 0, null, null), 0));
		}
		return this.matches.matches(met, Math.max(threshold, 1e-9), offset, size).map((page) -> {
			OffsetCursors.PagedEdges<JobMatch> paged = OffsetCursors.page(CURSOR_KIND, page.rows(), offset, size,
					page.total(),
					(cursor, row) -> new JobMatch(cursor, row.getValue(), row.getKey(),
							row.getKey()
								.requiredSkillIds()
								.stream()
								.filter((s) -> !met.contains(s))
								.map(Skill::new)
								.toList()));
			List<JobMatch> edges = paged.edges();
			return new JobMatchConnection(edges,
					new PageInfo(paged.hasNext(), paged.hasPrevious(), edges.isEmpty() ? null : edges.get(0).cursor(),
							edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
					page.total());
		});
	}

}
