package dev.skillpath.router.execution;

import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * Sends one GraphQL request to one subgraph and answers its JSON response as maps.
 * Failing to get a response (connection refused, timeout, a non-GraphQL answer) is an
 * error signal; the executor turns it into field errors.
 */
public interface SubgraphClient {

	Mono<Map<String, Object>> execute(String subgraph, String url, String document, Map<String, Object> variables,
			RequestContext context);

}
