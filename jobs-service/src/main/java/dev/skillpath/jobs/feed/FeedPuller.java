package dev.skillpath.jobs.feed;

import java.util.List;
import java.util.Objects;

import dev.skillpath.jobs.JobsProperties;
import dev.skillpath.jobs.RepeatedWork;
import dev.skillpath.jobs.ingest.IngestionService;
import dev.skillpath.jobs.ingest.JobWriter;
import dev.skillpath.jobs.ingest.ParsedRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Pulls feeds: on a schedule, each replica claims the feeds that are due (a lease in the
 * database, so no feed is pulled twice at once), fetches them conditionally, stores their
 * records like a push, and closes the listings a full feed no longer carries. The
 * outcome, good or bad, is kept on the feed for an ADMIN to see.
 */
@Component
public class FeedPuller implements DisposableBean {

	private static final Log logger = LogFactory.getLog(FeedPuller.class);

	/** Most records read from one feed. */
	private static final int MAX_RECORDS = 50_000;

	private final FeedRepository feeds;

	private final FeedFetcher fetcher;

	private final FeedFormats formats;

	private final IngestionService ingestion;

	private final JobWriter writer;

	private final JobsProperties.Feeds settings;

	private final FeedMetrics metrics;

	private final RepeatedWork schedule = new RepeatedWork(logger, "Looking for due feeds failed: ");

	public FeedPuller(FeedRepository feeds, FeedFetcher fetcher, FeedFormats formats, IngestionService ingestion,
			JobWriter writer, JobsProperties properties, FeedMetrics metrics) {
		this.metrics = metrics;
		this.feeds = feeds;
		this.fetcher = fetcher;
		this.formats = formats;
		this.ingestion = ingestion;
		this.writer = writer;
		this.settings = properties.feeds();
	}

	@EventListener(ApplicationReadyEvent.class)
	public void startSchedule() {
		if (this.settings.pollInterval().isZero()) {
			return;
		}
		this.schedule.start(Flux.interval(this.settings.pollInterval(), this.settings.pollInterval()), this::pullDue);
	}

	@Override
	public void destroy() {
		this.schedule.stop();
	}

	/** Claims and pulls the due feeds, a few at a time; answers how many were pulled. */
	public Mono<Integer> pullDue() {
		return this.feeds.claimDue(10, this.settings.lease()).flatMap(this::pullClaimed, 2).count().map(Long::intValue);
	}

	/** Pulls one feed now if no replica holds it; empty when another one does. */
	public Mono<Feed> pullNow(String feedId) {
		return this.feeds.claim(feedId, this.settings.lease()).flatMap(this::pullClaimed);
	}

	private Mono<Feed> pullClaimed(Feed feed) {
		return this.fetcher.fetch(feed)
			.flatMap((fetched) -> fetched.notModified()
					? this.feeds.recordSuccess(feed, null, null, new FeedCounts(0, 0, 0, 0, 0, true))
						.doOnSuccess((done) -> this.metrics.pulled(feed, "not_modified"))
					: store(feed, fetched).doOnSuccess((done) -> this.metrics.pulled(feed, "success")))
			.onErrorResume((ex) -> {
				logger.warn("Pulling feed " + feed.id() + " (" + feed.url() + ") failed: " + ex.getMessage());
				this.metrics.pulled(feed, "failure");
				return this.feeds.recordFailure(feed, Objects.toString(ex.getMessage(), ex.getClass().getSimpleName()),
						FeedFetcher.retryAfter(ex));
			})
			.then(this.metrics.refresh())
			.then(this.feeds.find(feed.id()));
	}

	private Mono<Void> store(Feed feed, FeedFetcher.Fetched fetched) {
		return Mono.fromCallable(() -> this.formats.parse(feed, fetched.body(), MAX_RECORDS))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((records) -> this.ingestion.ingest(feed.partnerId(), "FEED:" + feed.kind(), records, feed.id())
				.flatMap((report) -> this.writer.closeMissing(feed.partnerId(), feed.id(), externalIds(records))
					.map((closed) -> new FeedCounts(report.counts().created(), report.counts().updated(),
							report.counts().unchanged(), report.counts().rejected(), closed, false))))
			.flatMap((counts) -> this.feeds.recordSuccess(feed, fetched.etag(), fetched.lastModified(), counts));
	}

	private static List<String> externalIds(List<ParsedRecord> records) {
		return records.stream().map(ParsedRecord::externalId).filter(Objects::nonNull).map(String::strip).toList();
	}

}
