package dev.skillpath.router.planning;

/**
 * The operation cannot be planned. Its {@link #code()} says whose the problem is:
 * {@code BAD_USER_INPUT} when the operation asks for what no gateway could do (no
 * operation to run, an unknown fragment, too many fetches), {@code QUERY_PLANNING_FAILED}
 * when a valid operation finds no way through this supergraph (a field no key leads to):
 * that is the graph's to fix, not the client's.
 */
public class PlanningException extends RuntimeException {

	private final String code;

	/** A valid operation that this supergraph gives no plan for. */
	public PlanningException(String message) {
		this(message, "QUERY_PLANNING_FAILED");
	}

	private PlanningException(String message, String code) {
		super(message);
		this.code = code;
	}

	/** An operation that the client has to change. */
	static PlanningException ofOperation(String message) {
		return new PlanningException(message, "BAD_USER_INPUT");
	}

	/** The GraphQL error code for the client's answer. */
	public String code() {
		return this.code;
	}

}
