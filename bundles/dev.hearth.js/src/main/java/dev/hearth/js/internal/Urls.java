package dev.hearth.js.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * URL parsing for the script's {@code URL}: java.net.URI after the lenient escaping browsers do
 * (spaces, non-ASCII and a few reserved characters are percent-encoded), hosts in lower case and
 * IDNA ASCII form. Answers the parts as JSON, or null for an invalid URL.
 */
final class Urls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Urls() {}

    static @Nullable String parse(String input, @Nullable String base) {
        try {
            URI uri = new URI(escape(input.strip()));
            if (base != null && !uri.isAbsolute()) {
                URI b = new URI(escape(base.strip()));
                if (!b.isAbsolute() || b.isOpaque()) {
                    return null;
                }
                uri = b.resolve(uri);
            }
            if (!uri.isAbsolute()) {
                return null;
            }
            return parts(uri);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String parts(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        ObjectNode o = JSON.createObjectNode();
        o.put("protocol", scheme + ":");
        if (uri.isOpaque()) {
            o.put("opaque", true).put("pathname", uri.getRawSchemeSpecificPart());
            o.put("hostname", "").put("port", "").put("username", "").put("password", "");
            o.put("search", "").put("hash", uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
            return o.toString();
        }
        String host = uri.getHost() == null ? "" : IDN.toASCII(uri.getHost()).toLowerCase(Locale.ROOT);
        boolean special =
                scheme.equals("http") || scheme.equals("https") || scheme.equals("ws") || scheme.equals("wss");
        if (special && host.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || (port == 80 && (scheme.equals("http") || scheme.equals("ws")))
                || (port == 443 && (scheme.equals("https") || scheme.equals("wss")));
        String user = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo();
        int colon = user.indexOf(':');
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? (special ? "/" : "") : uri.getRawPath();
        o.put("hostname", host).put("port", defaultPort ? "" : Integer.toString(port));
        o.put("username", colon >= 0 ? user.substring(0, colon) : user);
        o.put("password", colon >= 0 ? user.substring(colon + 1) : "");
        o.put("pathname", uri.normalize().getRawPath() == null || path.isEmpty() ? path : normalize(path));
        o.put("search", uri.getRawQuery() == null || uri.getRawQuery().isEmpty() ? "" : "?" + uri.getRawQuery());
        o.put("hash", uri.getRawFragment() == null || uri.getRawFragment().isEmpty() ? "" : "#" + uri.getRawFragment());
        return o.toString();
    }

    private static String normalize(String path) {
        String n = URI.create("http://x" + path).normalize().getRawPath();
        return n.startsWith("/..") ? n.replaceFirst("^(/\\.\\.)+", "") : n;
    }

    /** Percent-encodes what browsers accept in URLs but java.net.URI does not. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inFragment = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '#' && !inFragment) {
                inFragment = true;
                out.append(c);
            } else if (c == '%' && !(i + 2 < s.length() && hex(s.charAt(i + 1)) && hex(s.charAt(i + 2)))) {
                out.append("%25");
            } else if (c == '\\') {
                out.append('/');
            } else if (c <= ' ' || c >= 0x7f || "\"<>`{}|^".indexOf(c) >= 0 || (c == '#' && inFragment)) {
                if (c == '\t' || c == '\n' || c == '\r') {
                    continue;
                }
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
