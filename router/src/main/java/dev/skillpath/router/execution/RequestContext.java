package dev.skillpath.router.execution;

import java.util.Map;

/**
 * What the edge passes to subgraph requests: the headers to forward (already filtered by
 * the allow-list), whether subgraph error details must be hidden from clients, and
 * whether the requests may share an identical call already in flight (not for a
 * mutation's).
 */
public record RequestContext(Map<String, String> forwardedHeaders, boolean redactSubgraphErrors, boolean shareable) {

	public static final RequestContext EMPTY = new RequestContext(Map.of(), false);

	public RequestContext(Map<String, String> forwardedHeaders, boolean redactSubgraphErrors) {
		this(forwardedHeaders, redactSubgraphErrors, true);
	}

	/** This context for calls that must each reach the subgraph themselves. */
	public RequestContext unshared() {
		return this.shareable ? new RequestContext(this.forwardedHeaders, this.redactSubgraphErrors, false) : this;
	}

}
