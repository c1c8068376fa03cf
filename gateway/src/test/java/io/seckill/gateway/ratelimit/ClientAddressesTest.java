package io.seckill.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressesTest {

    @Test
    void withoutTrustedProxiesTheForwardedForHeaderIsIgnored() {
        ClientAddresses addresses = new ClientAddresses(List.of(), 1);

        assertThat(addresses.of(from("198.51.100.7", "203.0.113.1"))).isEqualTo("198.51.100.7");
    }

    @Test
    void aTrustedProxysLastEntryIsTheClient() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"), 1);

        assertThat(addresses.of(from("10.1.2.3", "203.0.113.1, 198.51.100.9"))).isEqualTo("198.51.100.9");
        assertThat(addresses.of(from("198.51.100.7", "203.0.113.1"))).as("peer not trusted").isEqualTo("198.51.100.7");
    }

    /** A client prepending fake entries cannot push its own address out of reach: only trusted hops are walked. */
    @Test
    void entriesBeforeTheFirstUntrustedAddressAreNeverBelieved() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"), 3);

        assertThat(addresses.of(from("10.0.0.1", "1.2.3.4, 198.51.100.9, 10.0.0.2"))).isEqualTo("198.51.100.9");
    }

    @Test
    void theWalkIsBoundedByMaxTrustedHops() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"), 1);

        assertThat(addresses.of(from("10.0.0.1", "198.51.100.9, 10.0.0.2"))).isEqualTo("10.0.0.2");
    }

    @Test
    void ipv6AndSingleAddressesAreAccepted() {
        ClientAddresses addresses = new ClientAddresses(List.of("2001:db8::/32", "192.0.2.10"), 1);

        assertThat(addresses.of(from("192.0.2.10", "198.51.100.9"))).isEqualTo("198.51.100.9");
        assertThat(addresses.of(from("2001:db8::1", "198.51.100.8"))).isEqualTo("198.51.100.8");
    }

    /**
     * Issue 16: a junk entry written through a trusted proxy ("unknown", a host name) became the client
     * address, so a shopper could pick a fresh rate-limit bucket per request. It now ends the walk at the
     * proxy that wrote it: the request counts against that proxy, never against a name the client chose.
     */
    @Test
    void aJunkEntryIsNeverTheClientTheProxyThatWroteItIs() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"), 2);

        assertThat(addresses.of(from("10.0.0.1", "198.51.100.9, proxy.example.com"))).isEqualTo("10.0.0.1");
        assertThat(addresses.of(from("10.0.0.1", "198.51.100.9, unknown"))).isEqualTo("10.0.0.1");
        assertThat(addresses.of(from("10.0.0.1", "198.51.100.9, 10.0.0.7:443"))).isEqualTo("10.0.0.1");
        assertThat(addresses.of(from("10.0.0.1", "198.51.100.9, 10.0.0.7"))).isEqualTo("198.51.100.9");
    }

    @Test
    void aMalformedTrustedProxyIsRefusedAtConfiguration() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("everyone"), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static MockServerHttpRequest from(String peer, String forwardedFor) {
        return MockServerHttpRequest.get("/api/activities")
                .remoteAddress(new InetSocketAddress(peer, 40000))
                .header("X-Forwarded-For", forwardedFor).build();
    }
}
