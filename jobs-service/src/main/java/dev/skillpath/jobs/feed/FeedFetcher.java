package dev.skillpath.jobs.feed;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import dev.skillpath.jobs.JobsProperties;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Fetches a feed with a conditional GET (If-None-Match, If-Modified-Since), a timeout per
 * attempt, and retries with exponential backoff for network errors, 5xx and 429 answers
 * (another 4xx is the feed's configuration and is not retried). A 429 or 503 with
 * {@code Retry-After} is asked again no sooner than that: within the pull when the wait
 * is at most the pull timeout, otherwise the pull ends and the feed's next pull waits for
 * it (see {@link FeedRepository#recordFailure}).
 */
@Component
public class FeedFetcher {

	/** What the server answered: a body with its validators, or "not modified". */
	public record Fetched(boolean notModified, byte[] body, String etag, String lastModified) {
	}

	/**
	 * A failure worth another attempt; {@code retryAfter} when the server said when (else
	 * null).
	 */
	static final class RetryableFetchException extends RuntimeException {

		private final Duration retryAfter;

		RetryableFetchException(String message, Duration retryAfter) {
			super(retryAfter == null ? message : message + " (Retry-After " + retryAfter.toSeconds() + " s)");
			this.retryAfter = retryAfter;
		}

		Duration retryAfter() {
			return this.retryAfter;
		}

	}

	/** When the server that failed {@code error} asked to be called again, or null. */
	static Duration retryAfter(Throwable error) {
		return error instanceof RetryableFetchException retryable ? retryable.retryAfter() : null;
	}

	/**
	 * The first pause of the exponential backoff between attempts (then 2x, 4x..., each
	 * ±50 %).
	 */
	static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

	private final WebClient client;

	private final JobsProperties.Feeds settings;

	public FeedFetcher(WebClient.Builder builder, JobsProperties properties) {
		this.client = builder.build();
		this.settings = properties.feeds();
	}

	public Mono<Fetched> fetch(Feed feed) {
		int maxBytes = (int) Math.min(this.settings.maxBytes().toBytes(), Integer.MAX_VALUE);
		return Mono.defer(() -> this.client.get().uri(feed.url()).headers((headers) -> {
			if (feed.etag() != null) {
				headers.set(HttpHeaders.IF_NONE_MATCH, feed.etag());
			}
			if (feed.lastModified() != null) {
				headers.set(HttpHeaders.IF_MODIFIED_SINCE, feed.lastModified());
			}
		}).exchangeToMono((response) -> {
			if (response.statusCode().isSameCodeAs(HttpStatus.NOT_MODIFIED)) {
				return response.releaseBody().thenReturn(new Fetched(true, null, null, null));
			}
			int status = response.statusCode().value();
			if (response.statusCode().is5xxServerError() || status == 429) {
				Duration retryAfter = status == 429 || status == 503 ? RetryAfter
					.parse(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), Instant.now()) : null;
				return response.releaseBody()
					.then(Mono.error(new RetryableFetchException("HTTP " + status, retryAfter)));
			}
			if (!response.statusCode().is2xxSuccessful()) {
				return response.releaseBody()
					.then(Mono.error(new IllegalStateException("HTTP " + response.statusCode().value())));
			}
			HttpHeaders headers = response.headers().asHttpHeaders();
			return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), maxBytes).map((buffer) -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				return new Fetched(false, bytes, headers.getETag(), headers.getFirst(HttpHeaders.LAST_MODIFIED));
			})
				.defaultIfEmpty(new Fetched(false, new byte[0], headers.getETag(),
						headers.getFirst(HttpHeaders.LAST_MODIFIED)));
		}).timeout(this.settings.timeout())).retryWhen(Retry.from((failures) -> failures.concatMap((failure) -> {
			Throwable error = failure.failure();
			Duration retryAfter = retryAfter(error);
			boolean retryable = error instanceof RetryableFetchException || error instanceof WebClientRequestException
					|| error instanceof TimeoutException || error instanceof IOException;
			// a server asking for more than one pull timeout is left for the feed's next
			// pull
			if (!retryable || failure.totalRetries() >= this.settings.retries()
					|| (retryAfter != null && retryAfter.compareTo(this.settings.timeout()) > 0)) {
				return Mono.error(error);
			}
			Duration pause = backoff(failure.totalRetries());
			return Mono.delay(retryAfter != null && retryAfter.compareTo(pause) > 0 ? retryAfter : pause);
		})));
	}

	/**
	 * The pause before retry {@code n} (from 0): 200 ms × 2^n, ±50 % jitter so feeds do
	 * not retry in step.
	 */
	static Duration backoff(long n) {
		long base = FIRST_BACKOFF.toMillis() << Math.min(n, 20);
		return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base + 1));
	}

}
