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

	private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");

	private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|li|h[1-6]|div|ul|ol|blockquote|pre)>");

	private static final Pattern ITEM_START = Pattern.compile("(?i)<li>");

	private static final Pattern LINE = Pattern.compile("\\R");

	private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");

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
		String withBreaks = ITEM_START.matcher(BLOCK_END.matcher(BREAK.matcher(safeHtml).replaceAll("\n"))
			.replaceAll("\n")).replaceAll("\n");
		String text = Jsoup.parse(withBreaks).wholeText();
		StringBuilder lines = new StringBuilder();
		for (String line : LINE.split(text)) {
			String collapsed = SPACES.matcher(line).replaceAll(" ").strip();
			if (!collapsed.isEmpty()) {
				lines.append(collapsed).append('\n');
			}
		}
		return lines.toString().strip();
	}

}
