package dev.skillpath.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.skillpath.jobs.tagging.SkillTagger;
import dev.skillpath.jobs.tagging.SkillTags;
import dev.skillpath.jobs.tagging.SkillTerm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Skill tagging per posting: the shipped roadmap's skills and aliases (as content-service
 * serves them) against the labelled tagging corpus, one posting per call, round robin.
 */
@State(Scope.Benchmark)
public class TaggingBenchmark extends MicroBenchmark {

	private record Posting(String title, String text) {
	}

	private SkillTagger tagger;

	private final List<Posting> postings = new ArrayList<>();

	private int next;

	@Setup
	public void load() throws IOException {
		Path root = Repository.root();
		JsonMapper json = JsonMapper.builder().build();
		JsonNode roadmap = json
			.readTree(root.resolve("content-service/src/main/resources/roadmap/backend-roadmap.json").toFile());
		List<SkillTerm> terms = new ArrayList<>();
		for (JsonNode skill : roadmap.get("skills")) {
			List<String> aliases = new ArrayList<>();
			skill.path("aliases").forEach((alias) -> aliases.add(alias.asString()));
			terms.addAll(SkillTagger.termsOf(skill.get("id").asString(), skill.get("name").asString(), aliases));
		}
		this.tagger = new SkillTagger(terms);
		for (String line : Files.readAllLines(root.resolve("jobs-service/src/test/resources/corpus/tagging.jsonl"))) {
			if (!line.isBlank()) {
				JsonNode posting = json.readTree(line);
				this.postings.add(new Posting(posting.get("title").asString(), posting.get("text").asString()));
			}
		}
	}

	@Benchmark
	public SkillTags tagOnePosting() {
		Posting posting = this.postings.get(this.next++ % this.postings.size());
		return this.tagger.tag(posting.title(), posting.text(), List.of(), List.of());
	}

}
