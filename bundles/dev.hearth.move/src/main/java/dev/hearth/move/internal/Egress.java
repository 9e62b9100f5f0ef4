package dev.hearth.move.internal;

import static dev.hearth.common.net.PublicAddresses.forbidden;
import static dev.hearth.common.net.PublicAddresses.port;

import dev.hearth.common.error.ApiException;
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
 * {@link dev.hearth.common.net.PublicAddresses}, as for the konnectors sandbox.
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
}
