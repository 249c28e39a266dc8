package dev.skillpath.content.skill;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The form in which names and aliases are compared and searched: accents removed, lower
 * case, single spaces. "Café", "cafe" and " CAFE " share one key.
 */
public final class SearchKeys {

	private SearchKeys() {
	}

	public static String of(String text) {
		if (text == null) {
			return "";
		}
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
		return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
	}

}
