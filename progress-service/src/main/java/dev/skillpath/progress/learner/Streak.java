package dev.skillpath.progress.learner;

import java.time.LocalDate;
import java.util.SortedSet;

/** Days in a row with learning, counted in the learner's time zone. */
public record Streak(int current, int longest, LocalDate lastActiveDay) {

	/**
	 * The current run must end today or yesterday: a learner who has not studied yet
	 * today keeps their streak until the day is over.
	 */
	public static Streak of(SortedSet<LocalDate> activeDays, LocalDate today) {
		int longest = 0;
		int run = 0;
		LocalDate previous = null;
		for (LocalDate day : activeDays) {
			run = previous != null && previous.plusDays(1).equals(day) ? run + 1 : 1;
			longest = Math.max(longest, run);
			previous = day;
		}
		if (previous == null) {
			return new Streak(0, 0, null);
		}
		boolean alive = !previous.isBefore(today.minusDays(1)) && !previous.isAfter(today);
		return new Streak(alive ? run : 0, longest, previous);
	}

}
