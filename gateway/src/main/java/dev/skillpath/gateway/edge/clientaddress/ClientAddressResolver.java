package dev.skillpath.gateway.edge.clientaddress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client's address of a request: the socket's peer, unless that peer is a trusted
 * proxy, in which case the forwarding header is walked from the right (the hop the
 * nearest proxy added) past every trusted proxy to the first address that is not one.
 * Entries left of that are the client's own claims and are never believed, so a client
 * cannot choose its own rate-limit bucket.
 */
public final class ClientAddressResolver {

	/**
	 * Longest text kept for a hop that is not an address ({@code unknown},
	 * {@code _hidden}).
	 */
	private static final int MAX_TOKEN = 64;

	private final TrustedProxies trusted;

	private final boolean forwarded;

	public ClientAddressResolver(ClientAddressProperties properties) {
		this.trusted = TrustedProxies.of(properties.trustedProxies());
		this.forwarded = properties.header().equals("forwarded");
	}

	public String resolve(ServerHttpRequest request) {
		InetSocketAddress socket = request.getRemoteAddress();
		InetAddress peer = socket == null ? null : socket.getAddress();
		if (peer == null) {
			return "unknown";
		}
		if (this.trusted.isEmpty() || !this.trusted.contains(peer)) {
			return peer.getHostAddress();
		}
		List<String> values = request.getHeaders().get(this.forwarded ? "Forwarded" : "X-Forwarded-For");
		List<String> hops = (values == null) ? List.of() : (this.forwarded ? forHops(values) : listHops(values));
		String client = peer.getHostAddress();
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = stripPort(hops.get(i));
			InetAddress address = TrustedProxies.literal(hop);
			if (address == null) {
				// the nearest trusted proxy says it does not know (or hides) the client
				return hop.isEmpty() ? client
						: hop.substring(0, Math.min(hop.length(), MAX_TOKEN)).toLowerCase(Locale.ROOT);
			}
			client = address.getHostAddress();
			if (!this.trusted.contains(address)) {
				return client;
			}
		}
		// every hop is a trusted proxy: the leftmost is as close to the client as we know
		return client;
	}

	private static List<String> listHops(List<String> values) {
		List<String> hops = new ArrayList<>();
		for (String value : values) {
			for (String hop : value.split(",")) {
				hops.add(hop.strip());
			}
		}
		return hops;
	}

	/**
	 * The {@code for=} parameter of each element of RFC 7239 {@code Forwarded} values.
	 */
	private static List<String> forHops(List<String> values) {
		List<String> hops = new ArrayList<>();
		for (String value : values) {
			for (String element : splitOutsideQuotes(value, ',')) {
				String node = "";
				for (String pair : splitOutsideQuotes(element, ';')) {
					int equals = pair.indexOf('=');
					if (equals > 0 && pair.substring(0, equals).strip().equalsIgnoreCase("for")) {
						node = unquote(pair.substring(equals + 1).strip());
					}
				}
				hops.add(node);
			}
		}
		return hops;
	}

	private static List<String> splitOutsideQuotes(String text, char separator) {
		List<String> parts = new ArrayList<>();
		boolean quoted = false;
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == separator && !quoted) {
				parts.add(text.substring(start, i));
				start = i + 1;
			}
		}
		parts.add(text.substring(start));
		return parts;
	}

	private static String unquote(String value) {
		return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
				? value.substring(1, value.length() - 1) : value;
	}

	/**
	 * {@code [2001:db8::1]:4711} to {@code 2001:db8::1}, {@code 192.0.2.1:80} to
	 * {@code 192.0.2.1}.
	 */
	private static String stripPort(String hop) {
		String value = hop.strip();
		if (value.startsWith("[")) {
			int close = value.indexOf(']');
			return close > 0 ? value.substring(1, close) : value;
		}
		int colon = value.indexOf(':');
		if (colon > 0 && colon == value.lastIndexOf(':')) {
			return value.substring(0, colon);
		}
		return value;
	}

}
