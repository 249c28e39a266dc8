package dev.skillpath.jobs.feed;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.skillpath.jobs.JobsProperties;
import dev.skillpath.jobs.ingest.JobWriter;
import dev.skillpath.jobs.partner.PartnerRepository;
import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.security.Callers;
import dev.skillpath.support.security.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.reactive.TransactionalOperator;

/** ADMIN configuration of pull feeds, their status, and "pull now". */
@Controller
public class FeedController {

	private final FeedRepository feeds;

	private final PartnerRepository partners;

	private final FeedPuller puller;

	private final FeedMetrics metrics;

	private final JobWriter writer;

	private final TransactionalOperator transaction;

	private final Duration defaultLifetime;

	public FeedController(FeedRepository feeds, PartnerRepository partners, FeedPuller puller, FeedMetrics metrics,
			JobWriter writer, TransactionalOperator transaction, JobsProperties properties) {
		this.metrics = metrics;
		this.writer = writer;
		this.transaction = transaction;
		this.defaultLifetime = properties.listing().defaultLifetime();
		this.feeds = feeds;
		this.partners = partners;
		this.puller = puller;
	}

	@QueryMapping
	public Flux<Feed> feeds(@Argument String partnerId) {
		return Callers.withRole(Role.ADMIN).thenMany(this.feeds.findAll(partnerId));
	}

	public record AddFeedInput(String partnerId, String kind, String url, String companyName, Integer intervalMinutes) {
	}

	@MutationMapping
	public Mono<Feed> addFeed(@Argument AddFeedInput input) {
		return Callers.withRole(Role.ADMIN).flatMap((admin) -> {
			int interval = input.intervalMinutes() == null ? 60 : input.intervalMinutes();
			if (interval < 1 || interval > 10_080) {
				return Mono.error(ApiException.badUserInput("intervalMinutes must be between 1 and 10080",
						Map.of("field", "input.intervalMinutes")));
			}
			if (!isWebUrl(input.url())) {
				return Mono.error(ApiException.badUserInput("url must be an absolute http or https URL",
						Map.of("field", "input.url")));
			}
			return this.partners.find(input.partnerId())
				.switchIfEmpty(
						Mono.error(() -> ApiException.badUserInput("No partner with id '" + input.partnerId() + "'",
								Map.of("field", "input.partnerId"))))
				.flatMap((partner) -> this.feeds.insert(input.partnerId(), input.kind(), input.url().strip(),
						input.companyName(), interval))
				.switchIfEmpty(Mono.error(() -> ApiException.conflict("This partner already has a feed at that URL",
						Map.of("field", "input.url"))))
				.flatMap((feed) -> this.metrics.refresh().thenReturn(feed));
		});
	}

	/**
	 * Removes a feed. Its listings stay until withdrawn; those it carried without an
	 * expiry date expire by age from now on, like pushed ones.
	 */
	@MutationMapping
	public Mono<String> removeFeed(@Argument String id) {
		return Callers.withRole(Role.ADMIN)
			.then(existing(id))
			.flatMap((feed) -> this.writer.expireByAge(id, this.defaultLifetime)
				.then(this.feeds.delete(id))
				.as(this.transaction::transactional))
			.then(this.metrics.refresh())
			.thenReturn(id);
	}

	/** Pulls the feed now; CONFLICT while another replica is pulling it. */
	@MutationMapping
	public Mono<Feed> pullFeed(@Argument String id) {
		return Callers.withRole(Role.ADMIN)
			.then(existing(id))
			.flatMap((feed) -> this.puller.pullNow(id))
			.switchIfEmpty(Mono.error(() -> ApiException
				.conflict("This feed is being pulled right now; try again shortly", Map.of("retryable", true))));
	}

	private Mono<Feed> existing(String id) {
		try {
			java.util.UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(ApiException.notFound("No feed '" + id + "'"));
		}
		return this.feeds.find(id).switchIfEmpty(Mono.error(() -> ApiException.notFound("No feed '" + id + "'")));
	}

	private static boolean isWebUrl(String url) {
		try {
			URI uri = URI.create(url.strip());
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
