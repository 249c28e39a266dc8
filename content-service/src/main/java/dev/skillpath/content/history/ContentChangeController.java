package dev.skillpath.content.history;

import java.time.OffsetDateTime;

import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.graphql.Connection;
import dev.skillpath.support.graphql.Cursors;
import dev.skillpath.support.security.Caller;
import dev.skillpath.support.security.Callers;
import dev.skillpath.support.security.Role;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Controller;

/** {@code contentChanges}: the history of edits, newest first, for editors and admins. */
@Controller
public class ContentChangeController {

	private static final String CURSOR_KIND = "change";

	private final DatabaseClient db;

	public ContentChangeController(DatabaseClient db) {
		this.db = db;
	}

	@QueryMapping
	public Mono<Connection<ContentChange>> contentChanges(@Argument String entityId, @Argument Integer first,
			@Argument String after) {
		int size = Cursors.pageSize(first, 50, 200);
		String afterValue = Cursors.decode(CURSOR_KIND, after);
		long before;
		try {
			before = afterValue == null ? Long.MAX_VALUE : Long.parseLong(afterValue);
		}
		catch (NumberFormatException ex) {
			return Mono
				.error(ApiException.badUserInput("Not a cursor of this list", java.util.Map.of("field", "after")));
		}
		return Callers.authenticated().flatMap((caller) -> requireEditorOrAdmin(caller)).flatMap((caller) -> {
			var spec = this.db.sql("""
					SELECT id, changed_at, actor, action, entity_type, entity_id, summary FROM content_change
					WHERE id < :before AND (:entity::text IS NULL OR entity_id = :entity::text)
					ORDER BY id DESC LIMIT :limit
					""").bind("before", before).bind("limit", size + 1);
			spec = entityId == null ? spec.bindNull("entity", String.class) : spec.bind("entity", entityId);
			return spec
				.map((row) -> new ContentChange(row.get("id", Long.class),
						row.get("changed_at", OffsetDateTime.class).toInstant().toString(),
						row.get("actor", String.class), row.get("action", String.class),
						row.get("entity_type", String.class), row.get("entity_id", String.class),
						row.get("summary", String.class)))
				.all()
				.collectList()
				.map((rows) -> Connection.of(rows, size, afterValue != null,
						(change) -> Cursors.encode(CURSOR_KIND, Long.toString(change.id())), null));
		});
	}

	private static Mono<Caller> requireEditorOrAdmin(Caller caller) {
		return caller.hasRole(Role.EDITOR) || caller.hasRole(Role.ADMIN) ? Mono.just(caller)
				: Mono.error(ApiException.forbidden("The content history needs the role EDITOR or ADMIN"));
	}

}
