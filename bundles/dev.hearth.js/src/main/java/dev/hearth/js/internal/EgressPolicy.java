package dev.hearth.js.internal;

import static dev.hearth.common.net.PublicAddresses.forbidden;
import static dev.hearth.common.net.PublicAddresses.port;

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
}
