package dev.skillpath.router.supergraph;

import java.util.List;

/**
 * The subgraphs cannot be composed; each problem names the subgraph, the type and the
 * field.
 */
public class CompositionException extends RuntimeException {

	private final List<String> problems;

	public CompositionException(List<String> problems) {
		super("Composition failed: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}
