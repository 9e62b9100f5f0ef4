package dev.hearth.js.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a run's {@code fetch} may go: http(s) URLs whose host is one of the allowed domains (or a
 * subdomain of one) or the instance's own origin. Host names are resolved here, every address of
 * the answer is checked, and the exchange connects to the checked address: no loopback, private,
 * link-local, multicast or otherwise special address, unless it serves the instance or the
 * operator trusts it (with its port).
 */
final class EgressPolicy {
    /** Resolves host names; replaced in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Where to connect for a URL that passed the checks. */
    record Target(URI uri, InetSocketAddress address, boolean secure) {}

    /** A URL the run may not reach, with the reason. */
    static final class Denied extends Exception {
        private static final long serialVersionUID = 1L;

        Denied(String message) {
            super(message);
        }
    }

    private final Set<String> domains;
    private final @Nullable URI instance;
    private final @Nullable InetSocketAddress instanceAddress;
    private final Resolver resolver;
    private final Set<InetSocketAddress> trusted;

    EgressPolicy(
            Set<String> domains,
            @Nullable URI instance,
            @Nullable InetSocketAddress instanceAddress,
            Resolver resolver) {
        this(domains, instance, instanceAddress, resolver, Set.of());
    }

    /**
     * @param trusted non-public addresses (with their port) that the operator lets runs reach
     *     anyway, such as a vendor's site on the local network; the host must still be allowed
     */
    EgressPolicy(
            Set<String> domains,
            @Nullable URI instance,
            @Nullable InetSocketAddress instanceAddress,
            Resolver resolver,
            Set<InetSocketAddress> trusted) {
        this.trusted = Set.copyOf(trusted);
        this.domains = domains.stream()
                .map(d -> d.toLowerCase(Locale.ROOT).replaceFirst("^\\*\\.", "").replaceFirst("\\.$", ""))
                .filter(d -> !d.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.instance = instance;
        this.instanceAddress = instanceAddress;
        this.resolver = resolver;
    }

    Target check(URI uri) throws Denied {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Denied("only http and https URLs can be fetched");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new Denied("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Denied("URLs with credentials are not allowed");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = port(uri);
        if (isInstance(scheme, host, port)) {
            return new Target(
                    uri,
                    instanceAddress != null ? instanceAddress : new InetSocketAddress(resolve(host)[0], port),
                    scheme.equals("https"));
        }
        if (!domainAllowed(host)) {
            throw new Denied(host + " is not in the allowed domains");
        }
        InetAddress[] answer = resolve(host);
        for (InetAddress a : answer) {
            if (forbidden(a) && !trusted.contains(new InetSocketAddress(a, port))) {
                throw new Denied(host + " resolves to a non-public address (" + a.getHostAddress() + ")");
            }
        }
        return new Target(uri, new InetSocketAddress(answer[0], port), scheme.equals("https"));
    }

    private boolean isInstance(String scheme, String host, int port) {
        return instance != null
                && instance.getHost() != null
                && scheme.equalsIgnoreCase(instance.getScheme())
                && host.equalsIgnoreCase(instance.getHost())
                && port == port(instance);
    }

    private boolean domainAllowed(String host) {
        for (String d : domains) {
            if (host.equals(d) || host.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }

    private InetAddress[] resolve(String host) throws Denied {
        try {
            InetAddress[] answer = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            if (answer.length == 0) {
                throw new Denied(host + " has no address");
            }
            return answer;
        } catch (UnknownHostException e) {
            throw new Denied(host + " cannot be resolved");
        }
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
