package dev.skillpath.router.execution;

import java.time.Duration;
import java.util.Map;

/**
 * What the edge passes to subgraph requests: the headers to forward (already filtered by
 * the allow-list), whether subgraph error details must be hidden from clients, whether
 * the requests may share an identical call already in flight (not for a mutation's), and
 * how long the whole operation may take (null: no limit beyond each call's own).
 */
public record RequestContext(Map<String, String> forwardedHeaders, boolean redactSubgraphErrors, boolean shareable,
		Duration deadline) {

	public static final RequestContext EMPTY = new RequestContext(Map.of(), false);

	public RequestContext(Map<String, String> forwardedHeaders, boolean redactSubgraphErrors) {
		this(forwardedHeaders, redactSubgraphErrors, true, null);
	}

	/** This context with a time limit for the whole operation. */
	public RequestContext within(Duration limit) {
		return new RequestContext(this.forwardedHeaders, this.redactSubgraphErrors, this.shareable, limit);
	}

	/** This context for calls that must each reach the subgraph themselves. */
	public RequestContext unshared() {
		return this.shareable
				? new RequestContext(this.forwardedHeaders, this.redactSubgraphErrors, false, this.deadline) : this;
	}

}
