package dev.skillpath.progress.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Learners with a progress statement stored in the last 24 hours and the last 7 days
 * ({@code skillpath_progress_active_learners{window="24h"|"7d"}}). Counted by one query
 * on the statement time index, at most once per refresh interval: a scrape reads the last
 * counts and, when they are older than that, starts a new count in the background (it
 * never waits for the database). Every replica counts all learners, so dashboards take
 * the max over instances.
 */
@Component
public class ActiveLearners implements MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(ActiveLearners.class);

	/** The counts of one query; NaN until the first one answered. */
	public record Counts(double lastDay, double lastWeek, long countedAtNanos) {

		static final Counts NONE = new Counts(Double.NaN, Double.NaN, Long.MIN_VALUE);

	}

	private final DatabaseClient db;

	private final long refreshNanos;

	private final AtomicBoolean counting = new AtomicBoolean();

	private volatile Counts counts = Counts.NONE;

	public ActiveLearners(DatabaseClient db,
			@Value("${skillpath.progress.active-learners-refresh:1m}") Duration refreshInterval) {
		this.db = db;
		this.refreshNanos = refreshInterval.toNanos();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("skillpath.progress.active.learners", this, (self) -> self.current().lastDay())
			.description(
					"Learners with a progress statement stored in the window (counted at most once a refresh interval)")
			.tag("window", "24h")
			.register(registry);
		Gauge.builder("skillpath.progress.active.learners", this, (self) -> self.current().lastWeek())
			.description(
					"Learners with a progress statement stored in the window (counted at most once a refresh interval)")
			.tag("window", "7d")
			.register(registry);
	}

	@EventListener(ApplicationReadyEvent.class)
	void countOnStart() {
		refreshInBackground();
	}

	/** The last counts, starting a new count when they are stale. */
	Counts current() {
		Counts last = this.counts;
		if (last == Counts.NONE || System.nanoTime() - last.countedAtNanos() > this.refreshNanos) {
			refreshInBackground();
		}
		return last;
	}

	private void refreshInBackground() {
		if (this.counting.compareAndSet(false, true)) {
			count().doFinally((signal) -> this.counting.set(false))
				.subscribe(null, (ex) -> log.warn("Could not count active learners: {}", ex.toString()));
		}
	}

	/** Counts now and keeps the result. */
	public Mono<Counts> count() {
		return this.db.sql("""
				SELECT count(DISTINCT learner_id) FILTER (WHERE stored_at > now() - interval '24 hours') AS last_day,
				       count(DISTINCT learner_id) AS last_week
				FROM statement WHERE stored_at > now() - interval '7 days'
				""")
			.map((row) -> new Counts(row.get("last_day", Long.class), row.get("last_week", Long.class),
					System.nanoTime()))
			.one()
			.doOnNext((counted) -> this.counts = counted);
	}

}
