package dev.skillpath.jobs.tagging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Tags open listings again when content-service's skills change (a new alias, a new
 * skill), a page of 500 listings per read and one UPDATE per page for those whose tags
 * moved.
 */
@Component
public class Retagger {

	private static final Log logger = LogFactory.getLog(Retagger.class);

	private static final int PAGE = 500;

	private static final String ROW_COLUMNS = "id, title, description_text, explicit_required, explicit_nice, required_skills, nice_skills";

	private final DatabaseClient db;

	private final JsonMapper json;

	public Retagger(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	private record Row(String id, String title, String text, List<String> explicitRequired, List<String> explicitNice,
			List<String> required, List<String> nice) {
	}

	private record Update(String id, @JsonProperty("required_skills") List<String> required,
			@JsonProperty("nice_skills") List<String> nice) {
	}

	@EventListener
	public void onSkillsChanged(SkillCatalog.SkillsChanged event) {
		retag(event.snapshot().tagger()).subscribe((count) -> {
			if (count > 0) {
				logger.info("Re-tagged " + count + " listings after the skills changed");
			}
		}, (ex) -> logger.warn("Re-tagging failed; listings keep their tags until the next change", ex));
	}

	/** Re-tags every open listing; emits how many changed. */
	public Mono<Integer> retag(SkillTagger tagger) {
		return page(tagger, new UUID(0, 0), 0);
	}

	/**
	 * Re-tags the open listings {@code jobIds} (stored while no skills were known); emits
	 * how many changed.
	 */
	public Mono<Integer> retag(SkillTagger tagger, Collection<String> jobIds) {
		if (jobIds.isEmpty()) {
			return Mono.just(0);
		}
		return this.db.sql("SELECT " + ROW_COLUMNS + " FROM job WHERE closed_at IS NULL AND id = ANY(:ids::uuid[])")
			.bind("ids", jobIds.stream().distinct().toArray(String[]::new))
			.map(Retagger::row)
			.all()
			.collectList()
			.flatMap((rows) -> write(tagger, rows));
	}

	private Mono<Integer> page(SkillTagger tagger, UUID after, int changedSoFar) {
		return this.db
			.sql("SELECT " + ROW_COLUMNS + " FROM job WHERE closed_at IS NULL AND id > :after ORDER BY id LIMIT :limit")
			.bind("after", after)
			.bind("limit", PAGE)
			.map(Retagger::row)
			.all()
			.collectList()
			.flatMap((rows) -> {
				if (rows.isEmpty()) {
					return Mono.just(changedSoFar);
				}
				UUID last = UUID.fromString(rows.get(rows.size() - 1).id());
				Mono<Integer> write = write(tagger, rows).map((changed) -> changedSoFar + changed);
				return rows.size() < PAGE ? write : write.flatMap((changed) -> page(tagger, last, changed));
			});
	}

	/**
	 * Tags {@code rows} again and stores, in one UPDATE, the tags that moved; emits how
	 * many did.
	 */
	private Mono<Integer> write(SkillTagger tagger, List<Row> rows) {
		List<Update> updates = new ArrayList<>();
		for (Row row : rows) {
			SkillTags tags = tagger.tag(row.title(), row.text(), row.explicitRequired(), row.explicitNice());
			if (!tags.required().equals(row.required()) || !tags.niceToHave().equals(row.nice())) {
				updates.add(new Update(row.id(), tags.required(), tags.niceToHave()));
			}
		}
		if (updates.isEmpty()) {
			return Mono.just(0);
		}
		return this.db.sql("""
				UPDATE job j SET required_skills = r.required_skills, nice_skills = r.nice_skills, updated_at = now()
				FROM jsonb_to_recordset(:rows::jsonb) AS r(id uuid, required_skills text[], nice_skills text[])
				WHERE j.id = r.id
				""").bind("rows", this.json.writeValueAsString(updates)).then().thenReturn(updates.size());
	}

	private static Row row(io.r2dbc.spi.Readable row) {
		return new Row(row.get("id", UUID.class).toString(), row.get("title", String.class),
				row.get("description_text", String.class), list(row.get("explicit_required", String[].class)),
				list(row.get("explicit_nice", String[].class)), list(row.get("required_skills", String[].class)),
				list(row.get("nice_skills", String[].class)));
	}

	private static List<String> list(String[] values) {
		return values == null ? List.of() : Arrays.asList(values);
	}

}
