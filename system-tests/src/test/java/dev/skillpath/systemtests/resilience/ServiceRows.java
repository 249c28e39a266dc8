package dev.skillpath.systemtests.resilience;

import java.time.Duration;
import java.util.Map;

import dev.skillpath.support.testing.RunningService;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Counts rows in a running service's own database, to see what a request stored (or did
 * not).
 */
final class ServiceRows {

	private ServiceRows() {
	}

	/** Runs {@code sql}, which selects one {@code count(*) AS n}, with named bindings. */
	static long count(RunningService service, String sql, Map<String, Object> bindings) {
		DatabaseClient.GenericExecuteSpec spec = service.context().getBean(DatabaseClient.class).sql(sql);
		for (Map.Entry<String, Object> binding : bindings.entrySet()) {
			spec = spec.bind(binding.getKey(), binding.getValue());
		}
		return spec.map((row) -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10));
	}

}
