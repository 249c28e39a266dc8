package dev.skillpath.gateway.edge;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param subgraphs subgraph name to its GraphQL URL; the gateway composes their SDLs
 * @param supergraphFile a join-spec supergraph file to serve instead of composing (e.g.
 * one written by rover or The Guild's composer)
 * @param pollInterval how often subgraph SDLs are checked for changes (0 to never)
 * @param subgraphTimeout how long one subgraph request may take, from asking for a
 * connection to the last byte of its answer
 * @param operationTimeout how long one operation may take over all its subgraph requests
 * (three subgraph timeouts unless set): the fields still unanswered then get errors
 * @param planCacheSize how many plans are kept
 * @param forwardHeaders request headers passed on to subgraphs (besides Authorization and
 * W3C trace context)
 * @param redactSubgraphErrors hide subgraph error details from clients (on in prod)
 * @param maxBatchSize how many operations one HTTP request may carry (a JSON array body)
 * @param circuitOpenFor how long a subgraph's or the partner route's breaker stays open
 * before trial calls (also the partner fallback's Retry-After)
 * @param partnerTimeout how long a call on the partner route may take (a push of a
 * thousand listings takes seconds)
 * @param deduplication whether identical subgraph queries in flight at the same time
 * share one call
 */
@ConfigurationProperties("skillpath.gateway")
public record GatewayProperties(Map<String, String> subgraphs, String supergraphFile, Duration pollInterval,
		Duration subgraphTimeout, Duration operationTimeout, Integer planCacheSize, List<String> forwardHeaders,
		boolean redactSubgraphErrors, Limits limits, PersistedQueries persistedQueries, Cors cors, Integer maxBatchSize,
		Duration circuitOpenFor, Duration partnerTimeout, Deduplication deduplication) {

	/**
	 * @param enabled the default for every subgraph (on)
	 * @param subgraphs per subgraph name, where it differs from the default
	 */
	public record Deduplication(Boolean enabled, Map<String, Boolean> subgraphs) {

		public Deduplication {
			enabled = enabled == null || enabled;
			subgraphs = subgraphs == null ? Map.of() : Map.copyOf(subgraphs);
		}

		public boolean enabledFor(String subgraph) {
			return this.subgraphs.getOrDefault(subgraph, this.enabled);
		}

	}

	/** Browser origins allowed to call the gateway. */
	public record Cors(List<String> allowedOrigins) {
	}

	/**
	 * What an operation may ask for before any subgraph is called; see
	 * {@code OperationLimits}.
	 */
	public record Limits(Integer maxDepth, Integer maxAliases, Integer maxRootFields, Integer maxDirectives,
			Long maxCost, Integer maxTokens, Integer defaultListSize, Boolean introspection, Integer maxFields) {

		public dev.skillpath.router.OperationLimits toOperationLimits() {
			var d = dev.skillpath.router.OperationLimits.DEFAULTS;
			return new dev.skillpath.router.OperationLimits(or(this.maxDepth, d.maxDepth()),
					or(this.maxAliases, d.maxAliases()), or(this.maxRootFields, d.maxRootFields()),
					or(this.maxDirectives, d.maxDirectives()), this.maxCost == null ? d.maxCost() : this.maxCost,
					or(this.maxTokens, d.maxTokens()), or(this.defaultListSize, d.defaultListSize()),
					this.introspection == null ? d.introspection() : this.introspection,
					or(this.maxFields, d.maxFields()));
		}

		private static int or(Integer value, int fallback) {
			return value == null ? fallback : value;
		}

	}

	/**
	 * @param cacheSize how many automatic persisted queries are remembered
	 * @param allowListFile a JSON object of sha256 hash to query; with it, only those
	 * operations run
	 */
	public record PersistedQueries(Integer cacheSize, String allowListFile) {
	}

	public GatewayProperties {
		// a subgraph whose URL is set empty is left out of the composition
		subgraphs = subgraphs == null ? Map.of()
				: subgraphs.entrySet()
					.stream()
					.filter((e) -> e.getValue() != null && !e.getValue().isBlank())
					.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
							java.util.LinkedHashMap::new));
		pollInterval = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
		subgraphTimeout = subgraphTimeout == null ? Duration.ofSeconds(10) : subgraphTimeout;
		operationTimeout = operationTimeout == null ? subgraphTimeout.multipliedBy(3) : operationTimeout;
		planCacheSize = planCacheSize == null ? 1000 : planCacheSize;
		circuitOpenFor = circuitOpenFor == null ? Duration.ofSeconds(5) : circuitOpenFor;
		partnerTimeout = partnerTimeout == null ? Duration.ofSeconds(30) : partnerTimeout;
		forwardHeaders = forwardHeaders == null ? List.of() : forwardHeaders;
		limits = limits == null ? new Limits(null, null, null, null, null, null, null, null, null) : limits;
		persistedQueries = persistedQueries == null ? new PersistedQueries(null, null) : persistedQueries;
		cors = cors == null || cors.allowedOrigins() == null ? new Cors(List.of()) : cors;
		maxBatchSize = maxBatchSize == null ? 10 : maxBatchSize;
		deduplication = deduplication == null ? new Deduplication(null, null) : deduplication;
	}

}
