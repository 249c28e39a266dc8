package dev.skillpath.jobs.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a feed server's Retry-After: seconds or an HTTP date, never more than six
 * hours.
 */
class RetryAfterTest {

	static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	static String httpDate(Instant time) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(time.atOffset(ZoneOffset.UTC));
	}

	@Test
	void secondsAndHttpDatesAreReadAndBoundedBySixHours() {
		assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofMinutes(2));
		assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
		assertThat(RetryAfter.parse(httpDate(NOW.plusSeconds(3 * 3600)), NOW)).isEqualTo(Duration.ofHours(3));
		assertThat(RetryAfter.parse("Wed, 25 Nov 2026 12:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
		assertThat(RetryAfter.parse("172800", NOW)).as("two days").isEqualTo(Duration.ofHours(6));
		assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEqualTo(Duration.ofHours(6));
		assertThat(RetryAfter.parse(httpDate(NOW.minusSeconds(60)), NOW)).as("a date gone by").isEqualTo(Duration.ZERO);
	}

	@Test
	void anAbsentOrUnreadableValueAsksNothing() {
		assertThat(RetryAfter.parse(null, NOW)).isNull();
		assertThat(RetryAfter.parse("", NOW)).isNull();
		assertThat(RetryAfter.parse("soon", NOW)).isNull();
		assertThat(RetryAfter.parse("-5", NOW)).isNull();
		assertThat(RetryAfter.parse("1.5", NOW)).isNull();
	}

}
