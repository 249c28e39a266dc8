package dev.skillpath.router.execution;

import java.util.Map;

/**
 * What the edge passes to subgraph requests: the headers to forward (already filtered by
 * the allow-list) and whether subgraph error details must be hidden from clients.
 */
public record RequestContext(Map<String, String> forwardedHeaders, boolean redactSubgraphErrors) {

	public static final RequestContext EMPTY = new RequestContext(Map.of(), false);

}
