package dev.skillpath.jobs.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A feed server's {@code Retry-After} (RFC 9110 §10.2.3): delay seconds or an HTTP date.
 * We never ask before that time, but never wait longer than {@link #LONGEST} (a board
 * answering "in a year" is still tried like a failing one).
 */
final class RetryAfter {

	/** The same ceiling as the failure backoff (V4__feed_failure_backoff.sql). */
	static final Duration LONGEST = Duration.ofHours(6);

	private RetryAfter() {
	}

	/**
	 * How long from {@code now} the value asks us to wait, at most {@link #LONGEST}; null
	 * when unreadable or absent.
	 */
	static Duration parse(String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		Duration wait;
		if (text.chars().allMatch(Character::isDigit)) {
			try {
				wait = Duration.ofSeconds(Long.parseLong(text));
			}
			catch (NumberFormatException ex) {
				// more digits than a long holds: as long as we ever wait
				wait = LONGEST;
			}
		}
		else {
			try {
				wait = Duration.between(now,
						ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		if (wait.isNegative()) {
			return Duration.ZERO;
		}
		return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
	}

}
