package dev.hearth.move.internal;

import dev.hearth.common.error.ApiException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a server may connect during a move. The host is resolved here, every address of the answer
 * is checked, and the caller connects to the checked address (a second DNS answer cannot send it
 * elsewhere): no loopback, private, link-local, unique-local, multicast, wildcard or otherwise
 * special address, unless the operator allows private addresses or trusts the host. The rules are
 * those of the konnectors sandbox's egress.
 */
final class Egress {
    /** Resolves host names; replaced in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Where to connect for a URL that passed the checks. */
    record Target(URI uri, InetSocketAddress address, boolean secure) {}

    private final boolean allowPrivate;
    private final Set<String> trustedHosts;
    private final Resolver resolver;

    /**
     * @param trustedHosts hosts ({@code name} or {@code name:port}) that may resolve to non-public
     *     addresses
     */
    Egress(boolean allowPrivate, String[] trustedHosts, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.trustedHosts = Arrays.stream(trustedHosts)
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** Checks {@code uri}; a refusal is a 422 on {@code attribute}. */
    Target check(URI uri, String attribute) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw ApiException.invalidAttribute(attribute, "It must be an http or https address");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.invalidAttribute(attribute, "Addresses with credentials are not allowed");
        }
        host = host.toLowerCase(Locale.ROOT);
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = port(uri);
        InetAddress[] answer;
        try {
            answer = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw ApiException.invalidAttribute(attribute, host + " cannot be resolved");
        }
        if (answer.length == 0) {
            throw ApiException.invalidAttribute(attribute, host + " has no address");
        }
        boolean trusted = allowPrivate || trustedHosts.contains(host) || trustedHosts.contains(host + ":" + port);
        if (!trusted) {
            for (InetAddress a : answer) {
                if (forbidden(a)) {
                    throw ApiException.invalidAttribute(
                            attribute,
                            host + " resolves to a non-public address (" + a.getHostAddress()
                                    + "), which this server does not reach");
                }
            }
        }
        return new Target(uri, new InetSocketAddress(answer[0], port), scheme.equals("https"));
    }

    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** True for every address a public site cannot have. */
    static boolean forbidden(InetAddress a) {
        if (a.isAnyLocalAddress()
                || a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return forbidden4(b);
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
                return true;
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return true; // 2001:db8::/32 documentation
            }
            if (allZero(b, 0, 10) && ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff || allZero(b, 10, 12))) {
                return true; // IPv4-mapped or IPv4-compatible
            }
            if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return forbidden4(new byte[] {b[12], b[13], b[14], b[15]}); // 64:ff9b::/96 NAT64
            }
            return first == 0x20 && (b[1] & 0xff) == 0x02; // 2002::/16 6to4 may embed anything
        }
        return true;
    }

    private static boolean forbidden4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        return a0 == 0
                || a0 == 10
                || a0 == 127
                || a0 >= 224 // this network, private, loopback, multicast, reserved
                || (a0 == 100 && a1 >= 64 && a1 < 128) // carrier-grade NAT
                || (a0 == 169 && a1 == 254) // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 < 32)
                || (a0 == 192 && a1 == 168)
                || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 2) // documentation
                || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                || (a0 == 198 && a1 == 51 && (b[2] & 0xff) == 100)
                || (a0 == 203 && a1 == 0 && (b[2] & 0xff) == 113);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
