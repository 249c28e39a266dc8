package dev.skillpath.support.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import dev.skillpath.support.error.ApiException;

/**
 * Opaque Relay cursors: a kind and a value, base64url-encoded, so clients cannot mistake
 * them for ids and a cursor of one list is refused by another.
 */
public final class Cursors {

	private Cursors() {
	}

	public static String encode(String kind, String value) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
	}

	/** The value inside {@code cursor}, or null for a null cursor. */
	public static String decode(String kind, String cursor) {
		if (cursor == null) {
			return null;
		}
		String decoded;
		try {
			decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(cursor);
		}
		if (!decoded.startsWith(kind + ":")) {
			throw invalid(cursor);
		}
		return decoded.substring(kind.length() + 1);
	}

	/**
	 * Checks a page size: {@code null} means {@code fallback}; outside 0..max is refused.
	 */
	public static int pageSize(Integer first, int fallback, int max) {
		int size = first == null ? fallback : first;
		if (size < 0 || size > max) {
			throw ApiException.badUserInput("first must be between 0 and " + max + ", was " + size,
					Map.of("field", "first"));
		}
		return size;
	}

	private static ApiException invalid(String cursor) {
		return ApiException.badUserInput("Not a cursor of this list: '" + cursor + "'", Map.of("field", "after"));
	}

}
