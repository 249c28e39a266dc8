package dev.skillpath.jobs.normalise;

import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Partner descriptions as safe HTML (an allow-list: text formatting, lists, headings and http(s)
 * links; no scripts, styles, event handlers or images) and as plain text with line breaks kept,
 * which the tagger reads section by section.
 */
public final class HtmlText {

	private static final Safelist SAFE = Safelist.basic().addTags("h2", "h3", "h4").removeProtocols("a", "href", "ftp");

	private static final Pattern LOOKS_LIKE_HTML = Pattern.compile("<\\s*[a-zA-Z!/][^>]*>");

	private HtmlText() {
	}

	/** Sanitised HTML for {@code description}; plain text becomes paragraphs. */
	public static String sanitise(String description) {
		if (!LOOKS_LIKE_HTML.matcher(description).find()) {
			StringBuilder html = new StringBuilder();
			for (String paragraph : description.strip().split("\\R\\s*\\R")) {
				html.append("<p>")
					.append(org.jsoup.nodes.Entities.escape(paragraph.strip()).replaceAll("\\R", "<br>"))
					.append("</p>");
			}
			return html.toString();
		}
		Document.OutputSettings compact = new Document.OutputSettings().prettyPrint(false);
		return Jsoup.clean(description, "", SAFE, compact).strip();
	}

	/** Plain text of sanitised HTML: one line per paragraph, heading, list item or break. */
	public static String plainText(String safeHtml) {
		String withBreaks = safeHtml.replaceAll("(?i)<br\\s*/?>", "\n")
			.replaceAll("(?i)</(p|li|h[1-6]|div|ul|ol|blockquote|pre)>", "\n")
			.replaceAll("(?i)<li>", "\n");
		String text = Jsoup.parse(withBreaks).wholeText();
		StringBuilder lines = new StringBuilder();
		for (String line : text.split("\\R")) {
			String collapsed = line.replaceAll("[\\s\\u00a0]+", " ").strip();
			if (!collapsed.isEmpty()) {
				lines.append(collapsed).append('\n');
			}
		}
		return lines.toString().strip();
	}

}
