package dev.skillpath.jobs.normalise;

import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeVisitor;

/**
 * Partner descriptions as safe HTML (an allow-list: text formatting, lists, headings and
 * http(s) links; no scripts, styles, event handlers or images) and as plain text with
 * line breaks kept, which the tagger reads section by section. One parse per description:
 * the cleaned document gives both the HTML and, walked once, the text.
 */
public final class HtmlText {

	/** Both forms of a description. */
	public record Clean(String html, String text) {
	}

	private static final Safelist SAFE = Safelist.basic().addTags("h2", "h3", "h4").removeProtocols("a", "href", "ftp");

	private static final Pattern LOOKS_LIKE_HTML = Pattern.compile("<\\s*[a-zA-Z!/][^>]*>");

	private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R\\s*\\R");

	private static final Pattern LINE = Pattern.compile("\\R");

	/** Elements whose end starts a new line of text. */
	private static final Set<String> BLOCKS = Set.of("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "ul", "ol",
			"blockquote", "pre");

	private HtmlText() {
	}

	/**
	 * Sanitised HTML and plain text for {@code description}; plain text becomes
	 * paragraphs.
	 */
	public static Clean clean(String description) {
		if (!LOOKS_LIKE_HTML.matcher(description).find()) {
			StringBuilder html = new StringBuilder(description.length() + 64);
			StringBuilder text = new StringBuilder(description.length());
			for (String paragraph : PARAGRAPH_BREAK.split(description.strip())) {
				html.append("<p>");
				String[] lines = LINE.split(paragraph.strip(), -1);
				for (int i = 0; i < lines.length; i++) {
					html.append(i == 0 ? "" : "<br>").append(Entities.escape(lines[i]));
					appendLine(text, lines[i]);
				}
				html.append("</p>");
			}
			return new Clean(html.toString(), finish(text));
		}
		Document dirty = Parser.parseBodyFragment(description, "");
		Document safe = new Cleaner(SAFE).clean(dirty);
		safe.outputSettings().prettyPrint(false);
		String html = safe.body().html().strip();
		StringBuilder raw = new StringBuilder(description.length());
		safe.body().traverse(new NodeVisitor() {
			@Override
			public void head(Node node, int depth) {
				if (node instanceof TextNode textNode) {
					raw.append(textNode.getWholeText());
				}
				else if (node instanceof Element element
						&& (element.normalName().equals("br") || element.normalName().equals("li"))) {
					raw.append('\n');
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
					raw.append('\n');
				}
			}
		});
		StringBuilder text = new StringBuilder(raw.length());
		for (String line : LINE.split(raw)) {
			appendLine(text, line);
		}
		return new Clean(html, finish(text));
	}

	/**
	 * Appends {@code line} with each run of white space (ASCII and no-break spaces) as
	 * one space and stripped, if any text is left:
	 * {@code SPACES.matcher(line).replaceAll(" ").strip()} in one pass.
	 */
	private static void appendLine(StringBuilder text, String line) {
		int start = text.length();
		boolean space = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u00a0') {
				space = true;
			}
			else {
				if (space && text.length() > start) {
					text.append(' ');
				}
				space = false;
				text.append(c);
			}
		}
		// other white space (an em space, say) is kept inside a line but stripped from
		// its ends
		int end = text.length();
		while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
			end--;
		}
		int first = start;
		while (first < end && Character.isWhitespace(text.charAt(first))) {
			first++;
		}
		text.setLength(end);
		if (first > start) {
			text.delete(start, first);
		}
		if (text.length() > start) {
			text.append('\n');
		}
	}

	private static String finish(StringBuilder text) {
		return text.toString().strip();
	}

}
