package dev.skillpath.router.planning;

/**
 * The operation cannot be planned over this supergraph (a client error unless said
 * otherwise).
 */
public class PlanningException extends RuntimeException {

	public PlanningException(String message) {
		super(message);
	}

}
