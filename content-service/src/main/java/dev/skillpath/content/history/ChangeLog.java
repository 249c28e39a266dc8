package dev.skillpath.content.history;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Appends to the content history, in the transaction of the change it records, so the history
 * never claims a change that was rolled back.
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
		var spec = this.db.sql("""
				INSERT INTO content_change (actor, action, entity_type, entity_id, summary, before, after)
				VALUES (:actor, :action, :type, :id, :summary, :before, :after)
				""")
			.bind("actor", actor)
			.bind("action", action)
			.bind("type", entityType)
			.bind("id", entityId)
			.bind("summary", summary);
		spec = before == null ? spec.bindNull("before", Json.class) : spec.bind("before", toJson(before));
		spec = after == null ? spec.bindNull("after", Json.class) : spec.bind("after", toJson(after));
		return spec.then();
	}

	private Json toJson(Object value) {
		return Json.of(this.json.writeValueAsString(value));
	}

}
