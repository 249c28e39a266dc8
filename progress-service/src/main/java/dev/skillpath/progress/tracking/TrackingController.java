package dev.skillpath.progress.tracking;

import java.util.List;
import java.util.Map;

import dev.skillpath.progress.learner.Learner;
import dev.skillpath.progress.tracking.ProgressWriter.Voided;
import dev.skillpath.support.graphql.Connection;
import dev.skillpath.support.graphql.Cursors;
import dev.skillpath.support.security.Callers;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The mutations that change progress, and the history they leave
 * ({@code Learner.history}).
 */
@Controller
public class TrackingController {

	private static final String CURSOR_KIND = "statement";

	private final ProgressWriter writer;

	private final StatementLog log;

	public TrackingController(ProgressWriter writer, StatementLog log) {
		this.writer = writer;
		this.log = log;
	}

	@MutationMapping
	public Mono<SetStatusResult> setSkillStatus(@Argument ProgressChange input) {
		return Callers.authenticated().flatMap((caller) -> this.writer.setSkillStatus(caller.subject(), input));
	}

	@MutationMapping
	public Mono<SyncResult> syncProgress(@Argument List<SyncItem> items) {
		return Callers.authenticated().flatMap((caller) -> this.writer.sync(caller.subject(), items));
	}

	@MutationMapping
	public Mono<Map<String, Object>> resetRoadmapProgress(@Argument String roadmapId) {
		return Callers.authenticated()
			.flatMap((caller) -> this.writer.resetRoadmap(caller.subject(), roadmapId))
			.map((count) -> Map.of("roadmapId", roadmapId, "resetCount", count.intValue()));
	}

	@MutationMapping
	public Mono<Map<String, Object>> voidStatement(@Argument String id) {
		return Callers.authenticated()
			.flatMap((caller) -> this.writer.voidStatement(caller.subject(), id))
			.map((Voided voided) -> {
				Map<String, Object> payload = new java.util.HashMap<>();
				payload.put("voidingStatementId", voided.voiding().id().toString());
				payload.put("voidedStatementId", voided.voiding().voidedId().toString());
				payload.put("progress", voided.progress());
				return payload;
			});
	}

	@SchemaMapping(typeName = "Learner", field = "history")
	public Mono<Connection<StatementRow>> history(Learner learner, @Argument Integer first, @Argument String after) {
		int size = Cursors.pageSize(first, 20, 100);
		String afterSeq = Cursors.decode(CURSOR_KIND, after);
		Long before;
		try {
			before = afterSeq == null ? null : Long.valueOf(afterSeq);
		}
		catch (NumberFormatException ex) {
			throw dev.skillpath.support.error.ApiException.badUserInput("Not a cursor of this list: '" + after + "'",
					Map.of("field", "after"));
		}
		return this.log.history(learner.id(), before, size + 1)
			.collectList()
			.map((rows) -> Connection.of(rows, size, before != null,
					(row) -> Cursors.encode(CURSOR_KIND, Long.toString(row.seq())), null));
	}

	@SchemaMapping(typeName = "Statement", field = "verb")
	public String verb(StatementRow statement) {
		return XapiVerb.of(statement).iri();
	}

	@SchemaMapping(typeName = "Statement", field = "timestamp")
	public String timestamp(StatementRow statement) {
		return statement.occurredAt().toString();
	}

	@SchemaMapping(typeName = "Statement", field = "stored")
	public String stored(StatementRow statement) {
		return statement.storedAt().toString();
	}

	@SchemaMapping(typeName = "Statement", field = "voidedStatementId")
	public String voidedStatementId(StatementRow statement) {
		return statement.voidedId() == null ? null : statement.voidedId().toString();
	}

}
