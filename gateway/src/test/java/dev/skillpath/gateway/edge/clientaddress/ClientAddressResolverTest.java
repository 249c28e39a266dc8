package dev.skillpath.gateway.edge.clientaddress;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressResolverTest {

	static ClientAddressResolver trusting(String header, String... proxies) {
		return new ClientAddressResolver(new ClientAddressProperties(List.of(proxies), header));
	}

	static MockServerHttpRequest.BaseBuilder<?> from(String peer) {
		return MockServerHttpRequest.post("/graphql").remoteAddress(new InetSocketAddress(peer, 40000));
	}

	@Test
	void withNoTrustedProxyTheSocketIsTheClient() {
		var resolver = trusting(null);
		assertThat(resolver.resolve(from("10.1.2.3").header("X-Forwarded-For", "203.0.113.1").build()))
			.isEqualTo("10.1.2.3");
	}

	@Test
	void theRightmostHopThatIsNotATrustedProxyIsTheClient() {
		var resolver = trusting(null, "10.0.0.0/8", "192.0.2.1");
		assertThat(resolver.resolve(from("10.1.2.3").header("X-Forwarded-For", "6.6.6.6, 203.0.113.1").build()))
			.isEqualTo("203.0.113.1");
		assertThat(resolver.resolve(from("10.1.2.3").header("X-Forwarded-For", "203.0.113.1, 192.0.2.1")
			.header("X-Forwarded-For", "10.9.9.9")
			.build())).as("several header lines, two trusted hops").isEqualTo("203.0.113.1");
		assertThat(resolver.resolve(from("10.1.2.3").header("X-Forwarded-For", "203.0.113.1:5555").build()))
			.as("a port after the address")
			.isEqualTo("203.0.113.1");
		assertThat(resolver.resolve(from("10.1.2.3").build())).as("a trusted proxy that forwards nothing")
			.isEqualTo("10.1.2.3");
		assertThat(resolver.resolve(from("10.1.2.3").header("X-Forwarded-For", "10.4.4.4").build()))
			.as("only trusted hops: the leftmost")
			.isEqualTo("10.4.4.4");
		assertThat(resolver.resolve(from("192.0.2.2").header("X-Forwarded-For", "203.0.113.1").build()))
			.as("a peer just outside the trusted ranges")
			.isEqualTo("192.0.2.2");
	}

	@Test
	void aHopThatIsNotAnAddressIsKeptAsTextAndNeverLookedUp() {
		var resolver = trusting(null, "10.0.0.0/8");
		assertThat(resolver.resolve(from("10.1.2.3").header("X-Forwarded-For", "203.0.113.1, unknown").build()))
			.isEqualTo("unknown");
		assertThat(resolver.resolve(from("10.1.2.3").header("X-Forwarded-For", "localhost").build()))
			.as("a host name is text, not resolved to 127.0.0.1")
			.isEqualTo("localhost");
	}

	@Test
	void rfc7239ForwardedWithQuotedIpv6AndPorts() {
		var resolver = trusting("Forwarded", "10.0.0.0/8", "2001:db8:cafe::/48");
		assertThat(resolver
			.resolve(from("10.1.2.3").header("Forwarded", "for=6.6.6.6, for=\"[2001:db8:1::17]:4711\";proto=https")
				.header("Forwarded", "for=\"[2001:db8:cafe::1]\";by=10.0.0.1")
				.build()))
			.isEqualTo("2001:db8:1:0:0:0:0:17");
		assertThat(resolver.resolve(from("10.1.2.3").header("Forwarded", "proto=https;for=192.0.2.60:80").build()))
			.isEqualTo("192.0.2.60");
		assertThat(resolver.resolve(from("10.1.2.3").header("X-Forwarded-For", "203.0.113.1").build()))
			.as("the header that was not chosen is a client's claim")
			.isEqualTo("10.1.2.3");
	}

	@Test
	void ipv6RangesAndMappedAddresses() {
		var resolver = trusting(null, "fd00::/8", "172.16.0.0/12");
		assertThat(resolver.resolve(from("fd12::1").header("X-Forwarded-For", "2001:db8::5").build()))
			.isEqualTo("2001:db8:0:0:0:0:0:5");
		assertThat(resolver.resolve(from("172.31.255.255").header("X-Forwarded-For", "::ffff:203.0.113.9").build()))
			.isEqualTo("203.0.113.9");
		assertThat(resolver.resolve(from("172.32.0.1").header("X-Forwarded-For", "203.0.113.9").build()))
			.as("172.32/16 is outside 172.16/12")
			.isEqualTo("172.32.0.1");
	}

	@Test
	void aMisconfiguredRangeIsNamedAtStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> trusting(null, "10.0.0.0/33"))
			.withMessageContaining("'10.0.0.0/33'")
			.withMessageContaining("0..32");
		assertThatIllegalArgumentException().isThrownBy(() -> trusting(null, "ingress.internal"))
			.withMessageContaining("'ingress.internal' is not an IP address or CIDR range");
		assertThatIllegalArgumentException().isThrownBy(() -> trusting("x-real-ip"))
			.withMessageContaining("use x-forwarded-for or forwarded");
	}

}
