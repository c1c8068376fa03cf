package io.seckill.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

/**
 * The address a request came from, for per-IP limits. X-Forwarded-For is believed only as far as it
 * was written by trusted proxies: walking from the right (the entry our own proxy appended), entries
 * are skipped while they are trusted proxies, at most {@code maxTrustedHops} of them; the first
 * untrusted one is the client. With no trusted proxy, the TCP peer is the client and the header is
 * ignored, so a shopper cannot pick a fresh address per request. An entry that is not an IP literal
 * ends the walk.
 */
final class ClientAddresses {

    private final List<IpSubnetFilterRule> trusted;
    private final List<String> source;
    private final int maxTrustedHops;

    ClientAddresses(List<String> trustedProxies, int maxTrustedHops) {
        this.source = List.copyOf(trustedProxies);
        this.trusted = source.stream().map(ClientAddresses::subnet).toList();
        this.maxTrustedHops = maxTrustedHops;
    }

    boolean sameSettings(List<String> trustedProxies, int hops) {
        return source.equals(trustedProxies) && maxTrustedHops == hops;
    }

    String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        List<String> forwarded = forwardedFor(request);
        String client = peer;
        int hops = 0;
        for (int i = forwarded.size() - 1; i >= 0 && isTrusted(client) && hops < maxTrustedHops; i--, hops++) {
            String entry = forwarded.get(i);
            if (!NetUtil.isValidIpV4Address(entry) && !NetUtil.isValidIpV6Address(entry)) {
                // Junk ("unknown", a host name, a port): the client is not known beyond the proxy that wrote it,
                // so the request counts against that proxy, never against a name the client chose.
                break;
            }
            client = entry;
        }
        return client;
    }

    private boolean isTrusted(String address) {
        // A literal only: never a DNS lookup for what a header claims.
        java.net.InetAddress literal = NetUtil.createInetAddressFromIpAddressString(address);
        if (literal == null) {
            return false;
        }
        InetSocketAddress socket = new InetSocketAddress(literal, 0);
        return trusted.stream().anyMatch(rule -> rule.matches(socket));
    }

    /** "10.0.0.0/8", "2001:db8::/32" or a single address. */
    private static IpSubnetFilterRule subnet(String cidr) {
        String[] parts = cidr.trim().split("/", 2);
        java.net.InetAddress address = NetUtil.createInetAddressFromIpAddressString(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("trusted proxy '" + cidr + "' is not an IP address or CIDR");
        }
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.getAddress().length * 8;
        return new IpSubnetFilterRule(address, bits, IpFilterRuleType.ACCEPT);
    }

    private static List<String> forwardedFor(ServerHttpRequest request) {
        List<String> entries = new ArrayList<>();
        for (String header : request.getHeaders().getOrEmpty("X-Forwarded-For")) {
            for (String entry : header.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        return entries;
    }
}
