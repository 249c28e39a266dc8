package dev.skillpath.content.history;

import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Appends to the content history, in the transaction of the change it records, so the
 * history never claims a change that was rolled back.
 */
@Component
public class ChangeLog {

	private final DatabaseClient db;

	private final JsonMapper json;

	public ChangeLog(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	public Mono<Void> record(String actor, String action, String entityType, String entityId, String summary,
			Object before, Object after) {
		return recordAll(actor, action, entityType, List.of(new Entry(entityId, summary, before, after)));
	}

	/** Several changes of one kind by one actor, in one statement, in the order given. */
	public Mono<Void> recordAll(String actor, String action, String entityType, List<Entry> entries) {
		if (entries.isEmpty()) {
			return Mono.empty();
		}
		return this.db
			.sql("""
					INSERT INTO content_change (actor, action, entity_type, entity_id, summary, before, after)
					SELECT :actor, :action, :type, i, s, b::jsonb, a::jsonb
					FROM unnest(:ids::text[], :summaries::text[], :befores::text[], :afters::text[]) WITH ORDINALITY AS t(i, s, b, a, n)
					ORDER BY n
					""")
			.bind("actor", actor)
			.bind("action", action)
			.bind("type", entityType)
			.bind("ids", entries.stream().map(Entry::entityId).toArray(String[]::new))
			.bind("summaries", entries.stream().map(Entry::summary).toArray(String[]::new))
			.bind("befores", entries.stream().map((entry) -> toJson(entry.before())).toArray(String[]::new))
			.bind("afters", entries.stream().map((entry) -> toJson(entry.after())).toArray(String[]::new))
			.then();
	}

	/**
	 * One change: the entity, a line for people, and the entity before and after (null
	 * when absent).
	 */
	public record Entry(String entityId, String summary, Object before, Object after) {
	}

	private String toJson(Object value) {
		return value == null ? null : this.json.writeValueAsString(value);
	}

}
