package dev.skillpath.support.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen, for sign-in flows over real HTTP: it keeps cookies per
 * host, follows redirects one hop at a time (so a test can see each), and fills
 * server-rendered forms, CSRF field included. Tests that need a real page (scripts,
 * clicks) use Chromium.
 */
public final class FormBrowser {

	private static final Pattern CSRF = Pattern
		.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** One answer: its status, where it redirects to (if it does), and its body. */
	public record Page(URI uri, int status, Optional<URI> location, String body) {

		/** The value of the form's {@code _csrf} field. */
		public String csrf() {
			Matcher matcher = CSRF.matcher(this.body);
			if (!matcher.find()) {
				throw new AssertionError("No _csrf field on " + this.uri + " (" + this.status + "): " + this.body);
			}
			return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
		}

		/** A query parameter of the redirect's location. */
		public String locationParameter(String name) {
			String query = this.location.orElseThrow(() -> new AssertionError(this.uri + " did not redirect"))
				.getRawQuery();
			for (String pair : query == null ? new String[0] : query.split("&")) {
				String[] parts = pair.split("=", 2);
				if (parts[0].equals(name)) {
					return java.net.URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8);
				}
			}
			throw new AssertionError("No " + name + " in " + this.location.get());
		}

	}

	/** A navigation: GET with a browser's Accept header. */
	public Page get(URI uri) {
		return send(HttpRequest.newBuilder(uri).GET().header("Accept", "text/html,application/xhtml+xml"));
	}

	public Page get(String uri) {
		return get(URI.create(uri));
	}

	/** A form post (application/x-www-form-urlencoded), fields in order. */
	public Page post(URI uri, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html"));
	}

	/**
	 * Follows redirects from {@code page} until an answer is not one (at most 10 hops).
	 */
	public Page follow(Page page) {
		Page current = page;
		for (int hop = 0; hop < 10 && current.location().isPresent(); hop++) {
			current = get(current.location().get());
		}
		return current;
	}

	/** Any request, with this browser's cookies. */
	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Any request, with this browser's cookies, answered later. */
	public java.util.concurrent.CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	/** The value of a cookie this browser holds for {@code uri}'s host, if any. */
	public Optional<String> cookie(URI uri, String name) {
		return this.cookies.getCookieStore()
			.get(uri)
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	/** Every cookie this browser holds for {@code uri}, by name. */
	public Map<String, HttpCookie> cookies(URI uri) {
		Map<String, HttpCookie> byName = new LinkedHashMap<>();
		this.cookies.getCookieStore().get(uri).forEach((cookie) -> byName.put(cookie.getName(), cookie));
		return byName;
	}

	private Page send(HttpRequest.Builder builder) {
		HttpRequest request = builder.timeout(Duration.ofSeconds(20)).build();
		HttpResponse<String> response = send(request);
		Optional<URI> location = response.headers().firstValue("Location").map((value) -> request.uri().resolve(value));
		return new Page(request.uri(), response.statusCode(), location, response.body());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
