package dev.skillpath.support.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting in tests: a plain pause, and polling a condition until it holds or time runs
 * out.
 */
public final class Waiting {

	private Waiting() {
	}

	/** Sleeps for {@code duration}; an interrupt ends the test. */
	public static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Asks {@code condition} every {@code every} until it holds or {@code within} has
	 * passed; answers whether it held.
	 */
	public static boolean until(Duration within, Duration every, BooleanSupplier condition) {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			pause(every);
		}
		return true;
	}

}
