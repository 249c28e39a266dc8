package dev.skillpath.router.execution;

/** A subgraph answered with something other than a GraphQL response. */
public class SubgraphFailure extends RuntimeException {

	public SubgraphFailure(String message) {
		super(message, null, false, false);
	}

}
