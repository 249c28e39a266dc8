package dev.skillpath.support.error;

/**
 * An {@link Error} (a stack overflow, say) thrown while handling one request, carried as
 * an exception so that the request's error handling answers it: see
 * {@link RequestErrorGuard}.
 */
public class RequestHandlingError extends RuntimeException {

	public RequestHandlingError(Error cause) {
		super(cause.getClass().getName() + " while handling a request", cause);
	}

}
