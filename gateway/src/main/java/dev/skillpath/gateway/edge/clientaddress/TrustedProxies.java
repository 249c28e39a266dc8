package dev.skillpath.gateway.edge.clientaddress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address ranges of proxies whose forwarding headers the gateway believes, in CIDR
 * notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or single addresses.
 */
public final class TrustedProxies {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	// hex groups, colons and an optional embedded IPv4 tail; no zone index, no host names
	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

	private final List<Range> ranges;

	private TrustedProxies(List<Range> ranges) {
		this.ranges = ranges;
	}

	/**
	 * @throws IllegalArgumentException naming the entry that is not an address or range
	 */
	public static TrustedProxies of(List<String> cidrs) {
		return new TrustedProxies(cidrs == null ? List.of() : cidrs.stream().map(Range::parse).toList());
	}

	public boolean isEmpty() {
		return this.ranges.isEmpty();
	}

	public boolean contains(InetAddress address) {
		for (Range range : this.ranges) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * An IP literal as an address, or null for anything else (a host name,
	 * {@code unknown}, an obfuscated identifier): never a DNS lookup, since the text
	 * comes from a client.
	 */
	static InetAddress literal(String text) {
		if (text == null) {
			return null;
		}
		try {
			if (IPV4.matcher(text).matches()) {
				String[] parts = text.split("\\.");
				byte[] bytes = new byte[4];
				for (int i = 0; i < 4; i++) {
					int octet = Integer.parseInt(parts[i]);
					if (octet > 255) {
						return null;
					}
					bytes[i] = (byte) octet;
				}
				return InetAddress.getByAddress(bytes);
			}
			// with a colon, the JDK reads an IPv6 literal or refuses it, never asking DNS
			return IPV6.matcher(text).matches() ? InetAddress.getByName(text) : null;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private record Range(byte[] network, int prefix) {

		static Range parse(String cidr) {
			String text = cidr.strip();
			int slash = text.indexOf('/');
			InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
			if (address == null) {
				throw new IllegalArgumentException("Trusted proxy '" + cidr
						+ "' is not an IP address or CIDR range (such as 10.0.0.0/8 or 2001:db8::/32)");
			}
			int bits = address.getAddress().length * 8;
			int prefix;
			try {
				prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException(
						"Trusted proxy '" + cidr + "' has a prefix length outside 0.." + bits);
			}
			return new Range(address.getAddress(), prefix);
		}

		boolean contains(InetAddress address) {
			byte[] candidate = address.getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			int whole = this.prefix / 8;
			for (int i = 0; i < whole; i++) {
				if (candidate[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (candidate[whole] & mask) == (this.network[whole] & mask);
		}

	}

}
