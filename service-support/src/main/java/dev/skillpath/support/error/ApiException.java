package dev.skillpath.support.error;

import java.util.Map;

/**
 * An error a client caused or can act on. Its message is written for the client, and
 * {@link #details()} (for example {@code field}, {@code item}, {@code cycle}) land in
 * {@code extensions} of the GraphQL error or in the problem body of a REST answer.
 */
public class ApiException extends RuntimeException {

	private final ErrorCode code;

	private final Map<String, Object> details;

	public ApiException(ErrorCode code, String message, Map<String, Object> details) {
		super(message, null, false, false);
		this.code = code;
		this.details = details == null ? Map.of() : Map.copyOf(details);
	}

	public static ApiException badUserInput(String message) {
		return new ApiException(ErrorCode.BAD_USER_INPUT, message, Map.of());
	}

	public static ApiException badUserInput(String message, Map<String, Object> details) {
		return new ApiException(ErrorCode.BAD_USER_INPUT, message, details);
	}

	public static ApiException notFound(String message) {
		return new ApiException(ErrorCode.NOT_FOUND, message, Map.of());
	}

	public static ApiException unauthenticated(String message) {
		return new ApiException(ErrorCode.UNAUTHENTICATED, message, Map.of());
	}

	public static ApiException forbidden(String message) {
		return new ApiException(ErrorCode.FORBIDDEN, message, Map.of());
	}

	public static ApiException conflict(String message, Map<String, Object> details) {
		return new ApiException(ErrorCode.CONFLICT, message, details);
	}

	public static ApiException unavailable(String message) {
		return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, message, Map.of("retryable", true));
	}

	public ErrorCode code() {
		return this.code;
	}

	public Map<String, Object> details() {
		return this.details;
	}

}
