package dev.skillpath.gateway.edge;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param subgraphs subgraph name to its GraphQL URL; the gateway composes their SDLs
 * @param supergraphFile a join-spec supergraph file to serve instead of composing (e.g. one
 * written by rover or The Guild's composer)
 * @param pollInterval how often subgraph SDLs are checked for changes (0 to never)
 * @param subgraphTimeout how long one subgraph request may take
 * @param planCacheSize how many plans are kept
 * @param forwardHeaders request headers passed on to subgraphs (besides Authorization and W3C trace context)
 * @param redactSubgraphErrors hide subgraph error details from clients (on in prod)
 */
@ConfigurationProperties("skillpath.gateway")
public record GatewayProperties(Map<String, String> subgraphs, String supergraphFile, Duration pollInterval,
		Duration subgraphTimeout, Integer planCacheSize, List<String> forwardHeaders, boolean redactSubgraphErrors) {

	public GatewayProperties {
		// a subgraph whose URL is set empty is left out of the composition
		subgraphs = subgraphs == null ? Map.of() : subgraphs.entrySet()
			.stream()
			.filter((e) -> e.getValue() != null && !e.getValue().isBlank())
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
					java.util.LinkedHashMap::new));
		pollInterval = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
		subgraphTimeout = subgraphTimeout == null ? Duration.ofSeconds(10) : subgraphTimeout;
		planCacheSize = planCacheSize == null ? 1000 : planCacheSize;
		forwardHeaders = forwardHeaders == null ? List.of() : forwardHeaders;
	}

}
