package dev.hearth.web.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses whose {@code Forwarded} and {@code X-Forwarded-*} headers are believed: single
 * addresses or CIDR ranges, IPv4 or IPv6 ({@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code ::1}).
 */
final class TrustedProxies {
    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * Parses the configured entries, each of which may itself be a comma- or space-separated list
     * (as a configuration file gives it); a malformed one is refused with its text.
     */
    static TrustedProxies parse(String[] entries) {
        List<Range> ranges = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (String entry : entries == null ? new String[0] : entries) {
            all.addAll(List.of(entry.strip().split("[,\\s]+")));
        }
        for (String entry : all) {
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
            int bits = slash < 0 ? network.length * 8 : prefix(entry.substring(slash + 1), network.length * 8);
            if (network.length == 0 || bits < 0) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + entry);
            }
            ranges.add(new Range(network, bits));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code address} (an IP literal, never a name) is one of the trusted proxies. */
    boolean trusts(String address) {
        byte[] bytes = literal(address);
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of an IP literal (IPv4-mapped IPv6 taken as IPv4), or none for anything else. */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty() || !text.matches("[0-9A-Fa-f.:]+")) {
            return new byte[0];
        }
        try {
            return InetAddress.ofLiteral(text).getAddress();
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static int prefix(String text, int max) {
        try {
            int bits = Integer.parseInt(text);
            return bits >= 0 && bits <= max ? bits : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
