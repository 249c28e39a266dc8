package dev.skillpath.support.error;

import org.springframework.http.HttpStatus;

/**
 * The {@code extensions.code} values clients can rely on, with the HTTP status used when
 * the same error leaves a REST endpoint.
 */
public enum ErrorCode {

	BAD_USER_INPUT(HttpStatus.BAD_REQUEST), NOT_FOUND(HttpStatus.NOT_FOUND), UNAUTHENTICATED(HttpStatus.UNAUTHORIZED),
	FORBIDDEN(HttpStatus.FORBIDDEN), CONFLICT(HttpStatus.CONFLICT), PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
	/** A dependency is down; the client may retry the same request later. */
	REQUEST_TIMEOUT(HttpStatus.REQUEST_TIMEOUT), SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
	INTERNAL_SERVER_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

	private final HttpStatus status;

	ErrorCode(HttpStatus status) {
		this.status = status;
	}

	public HttpStatus status() {
		return this.status;
	}

}
