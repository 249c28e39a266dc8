package dev.skillpath.content.editing;

import java.util.List;
import java.util.Map;

import dev.skillpath.content.roadmap.Roadmap;
import dev.skillpath.content.roadmap.RoadmapRepository;
import dev.skillpath.content.skill.Skill;
import dev.skillpath.content.skill.SkillRepository;
import dev.skillpath.support.security.Callers;
import dev.skillpath.support.security.Role;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** The editor mutations; each needs the EDITOR role. */
@Controller
public class EditorController {

	private final ContentWriter writer;

	private final SkillRepository skills;

	private final RoadmapRepository roadmaps;

	EditorController(ContentWriter writer, SkillRepository skills, RoadmapRepository roadmaps) {
		this.writer = writer;
		this.skills = skills;
		this.roadmaps = roadmaps;
	}

	public record SkillPayload(Skill skill, boolean created) {
	}

	public record DeleteSkillPayload(String deletedId) {
	}

	public record ImportRoadmapPayload(Roadmap roadmap, int skillsCreated, int skillsUpdated, int skillsUnchanged) {
	}

	@MutationMapping
	public Mono<SkillPayload> upsertSkill(@Argument SkillDefinition input) {
		return Callers.withRole(Role.EDITOR)
			.flatMap((caller) -> this.writer.upsertSkill(input, caller.subject()))
			.flatMap((result) -> skill(result.skillId()).map((skill) -> new SkillPayload(skill, result.created())));
	}

	@MutationMapping
	public Mono<DeleteSkillPayload> deleteSkill(@Argument String id) {
		return Callers.withRole(Role.EDITOR)
			.flatMap((caller) -> this.writer.deleteSkill(id, caller.subject()))
			.map(DeleteSkillPayload::new);
	}

	@MutationMapping
	public Mono<SkillPayload> mergeSkill(@Argument String from, @Argument String into) {
		return Callers.withRole(Role.EDITOR)
			.flatMap((caller) -> this.writer.mergeSkill(from, into, caller.subject()))
			.flatMap((id) -> skill(id).map((skill) -> new SkillPayload(skill, false)));
	}

	@MutationMapping
	public Mono<ImportRoadmapPayload> importRoadmap(@Argument RoadmapDocument document) {
		return Callers.withRole(Role.EDITOR)
			.flatMap((caller) -> this.writer.importDocument(document, false, caller.subject()))
			.flatMap((result) -> this.roadmaps.findByIds(List.of(result.roadmapId()))
				.next()
				.map((roadmap) -> new ImportRoadmapPayload(roadmap, result.created(), result.updated(),
						result.unchanged())));
	}

	private Mono<Skill> skill(String id) {
		return this.skills.resolve(List.of(id)).mapNotNull((Map<String, Skill> found) -> found.get(id));
	}

}
