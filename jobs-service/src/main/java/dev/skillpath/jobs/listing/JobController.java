package dev.skillpath.jobs.listing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * Job search, {@code job(id)}, the federation entity lookup for {@code Job}, and its
 * fields.
 */
@Controller
public class JobController {

	static final String CURSOR_KIND = "jobs";

	private final JobRepository jobs;

	public JobController(JobRepository jobs) {
		this.jobs = jobs;
	}

	@QueryMapping
	public Mono<Connection<Job>> jobs(@Argument JobFilter filter, @Argument String sort, @Argument Integer first,
			@Argument String after) {
		int size = Cursors.pageSize(first, 20, 100);
		int offset = OffsetCursors.offsetAfter(CURSOR_KIND, after);
		JobFilter effective = filter == null ? JobFilter.NONE : filter;
		return this.jobs.search(effective, sort, offset, size)
			.map((page) -> OffsetCursors.connection(CURSOR_KIND, page.rows(), offset, size, page.total()));
	}

	@QueryMapping
	public Mono<Job> job(@Argument String id) {
		return this.jobs.findByIds(List.of(id)).mapNotNull((found) -> found.get(id));
	}

	/**
	 * {@code _entities} for Job: the whole batch in one statement, in key order, null for
	 * unknown ids.
	 */
	@EntityMapping
	public Mono<List<Job>> job(@Argument List<String> idList) {
		return this.jobs.findByIds(idList).map((found) -> {
			List<Job> ordered = new ArrayList<>(idList.size());
			idList.forEach((id) -> ordered.add(found.get(id)));
			return ordered;
		});
	}

	@SchemaMapping(typeName = "Job", field = "requiredSkills")
	public List<Skill> requiredSkills(Job job) {
		return job.requiredSkillIds().stream().map(Skill::new).toList();
	}

	@SchemaMapping(typeName = "Job", field = "niceToHaveSkills")
	public List<Skill> niceToHaveSkills(Job job) {
		return job.niceToHaveSkillIds().stream().map(Skill::new).toList();
	}

	@BatchMapping(typeName = "Job", field = "sources")
	public Mono<Map<Job, List<JobSource>>> sources(List<Job> batch) {
		return this.jobs.sourcesOf(batch.stream().map(Job::id).toList()).map((found) -> {
			Map<Job, List<JobSource>> result = new java.util.LinkedHashMap<>();
			batch.forEach((job) -> result.put(job, found.getOrDefault(job.id(), List.of())));
			return result;
		});
	}

}
