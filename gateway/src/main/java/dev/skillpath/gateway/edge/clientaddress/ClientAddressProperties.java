package dev.skillpath.gateway.edge.clientaddress;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who the client of a request is, when the gateway runs behind a proxy or an Ingress.
 *
 * @param trustedProxies addresses and CIDR ranges of the proxies in front of the gateway;
 * only a request whose connection comes from one of them has its forwarding header read
 * (empty, the default: the socket's address is the client, whatever headers say)
 * @param header which header those proxies write: {@code x-forwarded-for} (ingress-nginx,
 * most cloud load balancers) or {@code forwarded} (RFC 7239). Only one is read, since a
 * proxy passes the other on untouched and a client could write it
 */
@ConfigurationProperties("skillpath.gateway.client-address")
public record ClientAddressProperties(List<String> trustedProxies, String header) {

	public ClientAddressProperties {
		trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
		header = header == null ? "x-forwarded-for" : header.strip().toLowerCase(Locale.ROOT);
		if (!header.equals("x-forwarded-for") && !header.equals("forwarded")) {
			throw new IllegalArgumentException(
					"skillpath.gateway.client-address.header is '" + header + "': use x-forwarded-for or forwarded");
		}
	}

}
