package dev.skillpath.progress;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: the system clock, unless a test sets the time (to cross
 * midnight).
 */
public final class MutableClock extends Clock {

	private volatile Instant fixed;

	public void set(Instant instant) {
		this.fixed = instant;
	}

	public void useSystemTime() {
		this.fixed = null;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		MutableClock owner = this;
		return new Clock() {
			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return owner.withZone(other);
			}

			@Override
			public Instant instant() {
				return owner.instant();
			}
		};
	}

	@Override
	public Instant instant() {
		Instant now = this.fixed;
		return now != null ? now : Instant.now();
	}

}
