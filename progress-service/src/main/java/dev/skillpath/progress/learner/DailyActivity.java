package dev.skillpath.progress.learner;

import java.time.LocalDate;

/** Learning changes on one day of the learner's calendar. */
public record DailyActivity(LocalDate date, int count) {
}
