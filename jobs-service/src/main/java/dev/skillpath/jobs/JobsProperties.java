package dev.skillpath.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of jobs-service.
 *
 * @param content where the skills that tag listings come from
 * @param push limits of one partner push request
 * @param listing defaults applied to listings
 */
@ConfigurationProperties("skillpath.jobs")
public record JobsProperties(Content content, Push push, Listing listing, Feeds feeds) {

	public JobsProperties {
		content = content != null ? content : new Content(null, null, null, null);
		push = push != null ? push : new Push(0, null, null);
		listing = listing != null ? listing : new Listing(null);
		feeds = feeds != null ? feeds : new Feeds(null, null, 0, null, null);
	}

	/**
	 * @param pollInterval how often a replica looks for due feeds ({@code 0s} turns
	 * scheduled pulls off)
	 * @param timeout how long one HTTP fetch may take
	 * @param retries retries of a fetch that failed for a network error or a 5xx, with
	 * backoff
	 * @param maxBytes largest feed body read
	 * @param lease how long a claimed feed stays with the replica that pulls it
	 */
	public record Feeds(Duration pollInterval, Duration timeout, int retries, DataSize maxBytes, Duration lease) {

		public Feeds {
			pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(30);
			timeout = timeout != null ? timeout : Duration.ofSeconds(20);
			retries = retries > 0 ? retries : 2;
			maxBytes = maxBytes != null ? maxBytes : DataSize.ofMegabytes(50);
			lease = lease != null ? lease : Duration.ofMinutes(5);
		}

	}

	/**
	 * @param graphqlUrl content-service's GraphQL endpoint
	 * @param refreshInterval how often the skills are fetched again
	 * @param firstLoadRetry wait before the first retry while no skills were ever fetched
	 * (doubling each time)
	 * @param firstLoadMaxRetry longest wait between those retries
	 */
	public record Content(String graphqlUrl, Duration refreshInterval, Duration firstLoadRetry,
			Duration firstLoadMaxRetry) {

		public Content {
			graphqlUrl = graphqlUrl != null ? graphqlUrl : "http://localhost:8081/graphql";
			refreshInterval = refreshInterval != null ? refreshInterval : Duration.ofMinutes(10);
			firstLoadRetry = firstLoadRetry != null ? firstLoadRetry : Duration.ofSeconds(1);
			firstLoadMaxRetry = firstLoadMaxRetry != null ? firstLoadMaxRetry : Duration.ofSeconds(30);
		}

	}

	/**
	 * @param maxRecords most records in one request
	 * @param maxBytes largest request body
	 * @param lockWait longest a push waits for the partner's earlier pushes (or a row
	 * another transaction holds) before it is answered with a retryable 503
	 */
	public record Push(int maxRecords, DataSize maxBytes, Duration lockWait) {

		public Push {
			maxRecords = maxRecords > 0 ? maxRecords : 1000;
			maxBytes = maxBytes != null ? maxBytes : DataSize.ofMegabytes(5);
			lockWait = lockWait != null ? lockWait : Duration.ofSeconds(10);
		}

	}

	/**
	 * @param defaultLifetime expiry of a pushed listing without validThrough, counted
	 * from its posting (a pulled one stays open while its feed carries it)
	 */
	public record Listing(Duration defaultLifetime) {

		public Listing {
			defaultLifetime = defaultLifetime != null ? defaultLifetime : Duration.ofDays(60);
		}

	}

}
