package dev.skillpath.support.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.core.QueryInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;

/**
 * Records every SQL statement a service sends through R2DBC, so that a test can assert
 * how many statements an operation needed (for example one for a batch of 50 entities).
 * Register it with a {@code ProxyConnectionFactoryCustomizer} bean:
 * {@code builder -> builder.listener(counter)}.
 */
public class SqlStatementCounter implements ProxyExecutionListener {

	private final List<String> statements = new CopyOnWriteArrayList<>();

	@Override
	public void beforeQuery(QueryExecutionInfo execInfo) {
		for (QueryInfo query : execInfo.getQueries()) {
			this.statements.add(query.getQuery());
		}
	}

	public void reset() {
		this.statements.clear();
	}

	public List<String> statements() {
		return List.copyOf(this.statements);
	}

	/** Statements whose text contains {@code fragment}, ignoring case. */
	public List<String> matching(String fragment) {
		String lower = fragment.toLowerCase();
		return this.statements.stream().filter((s) -> s.toLowerCase().contains(lower)).toList();
	}

}
