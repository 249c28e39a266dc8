package dev.skillpath.jobs.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.skillpath.jobs.RepeatedWork;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Feed metrics the stale-feed alert and the job-ingestion dashboard read
 * (docs/operations.md): pulls by outcome, and per feed the age of its last good pull and
 * its pull interval. The gauges come from the feed table (every replica shows the same
 * figures; the alert takes their max), read every {@link #REFRESH} and after each pull or
 * change of feeds, never during a scrape.
 */
@Component
public class FeedMetrics implements DisposableBean {

	private static final Log logger = LogFactory.getLog(FeedMetrics.class);

	static final Duration REFRESH = Duration.ofSeconds(30);

	/** A feed's figures as last read; the gauges read these. */
	private static final class Figures {

		volatile Instant lastGood;

		volatile long intervalSeconds;

		final List<Meter> meters = new java.util.ArrayList<>();

	}

	private final DatabaseClient db;

	private final MeterRegistry registry;

	private final Clock clock;

	private final Map<String, Figures> feeds = new ConcurrentHashMap<>();

	private final RepeatedWork refreshing = new RepeatedWork(logger, "Could not read feeds for their metrics: ");

	public FeedMetrics(DatabaseClient db, MeterRegistry registry) {
		this.db = db;
		this.registry = registry;
		this.clock = Clock.systemUTC();
	}

	static final List<String> PULL_OUTCOMES = List.of("success", "not_modified", "failure");

	/** Counts a pull: {@code success}, {@code not_modified} or {@code failure}. */
	void pulled(Feed feed, String outcome) {
		this.registry
			.counter("skillpath.jobs.feed.pulls", "partner", feed.partnerId(), "feed", feed.id(), "outcome", outcome)
			.increment();
	}

	@EventListener(ApplicationReadyEvent.class)
	public void startRefreshing() {
		this.refreshing.start(Flux.interval(Duration.ZERO, REFRESH), this::refresh);
	}

	@Override
	public void destroy() {
		this.refreshing.stop();
	}

	/**
	 * Reads every feed's last good pull (its creation while it never had one) and
	 * interval; drops removed feeds.
	 */
	public Mono<Void> refresh() {
		return this.db
			.sql("SELECT id, partner_id, interval_seconds, coalesce(last_success_at, created_at) AS good FROM feed")
			.map((row) -> Map.entry(row.get("id", UUID.class).toString(),
					new Object[] { row.get("partner_id", String.class), row.get("interval_seconds", Integer.class),
							row.get("good", OffsetDateTime.class) }))
			.all()
			.collectList()
			.doOnNext((rows) -> {
				Set<String> present = new HashSet<>();
				for (Map.Entry<String, Object[]> row : rows) {
					present.add(row.getKey());
					Figures figures = this.feeds.computeIfAbsent(row.getKey(),
							(id) -> register(id, (String) row.getValue()[0]));
					figures.intervalSeconds = (Integer) row.getValue()[1];
					figures.lastGood = ((OffsetDateTime) row.getValue()[2]).toInstant();
				}
				this.feeds.keySet().removeIf((id) -> {
					if (present.contains(id)) {
						return false;
					}
					this.feeds.get(id).meters.forEach(this.registry::remove);
					return true;
				});
			})
			.then();
	}

	private Figures register(String feedId, String partnerId) {
		Figures figures = new Figures();
		Tags tags = Tags.of("partner", partnerId, "feed", feedId);
		figures.meters.add(Gauge
			.builder("skillpath.jobs.feed.last.good.pull.age", figures,
					(f) -> f.lastGood == null ? Double.NaN
							: Duration.between(f.lastGood, this.clock.instant()).toMillis() / 1000.0)
			.tags(tags)
			.baseUnit("seconds")
			.description("Time since the feed's last successful pull (since it was added, while it never had one)")
			.register(this.registry));
		figures.meters.add(Gauge.builder("skillpath.jobs.feed.interval", figures, (f) -> f.intervalSeconds)
			.tags(tags)
			.baseUnit("seconds")
			.description("The feed's configured pull interval")
			.register(this.registry));
		// each outcome's series exists from the start (at 0), so rates and alerts see a
		// feed that
		// never succeeded instead of a series that does not exist yet
		for (String outcome : PULL_OUTCOMES) {
			figures.meters.add(this.registry.counter("skillpath.jobs.feed.pulls", tags.and("outcome", outcome)));
		}
		return figures;
	}

}
