package dev.hearth.apps.http.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Content-Security-Policy of every answer on an app's host, built as cozy-stack builds it but
 * without its cloud-service hosts: the app may load and connect to its own origin and its
 * instance (HTTP and websocket), frame its sibling apps, and nothing else on the network.
 * Directives are joined with {@code ;} and no space, as cozy-stack does.
 */
final class AppCsp {
    private AppCsp() {}

    /**
     * @param secure whether the instance is reached over HTTPS (then wss), else HTTP (then ws)
     * @param instanceHost the instance's host, with its port if any ({@code alice.example:8080})
     * @param siblingsHost the host whose subdomains are the apps: the instance's host in nested
     *     mode, its parent in flat mode, or null when there is none
     * @param frameAncestor an origin that may frame the app (an intent's client), or null
     */
    static String header(
            boolean secure, String instanceHost, @Nullable String siblingsHost, @Nullable String frameAncestor) {
        String http = (secure ? "https://" : "http://") + instanceHost;
        String ws = (secure ? "wss://" : "ws://") + instanceHost;
        String defaults = "'self' " + http + " " + ws;
        String siblings = siblingsHost == null ? "" : (secure ? "https://*." : "http://*.") + siblingsHost + " ";
        List<String> directives = List.of(
                "default-src " + defaults,
                "script-src 'wasm-unsafe-eval' " + defaults,
                "frame-src " + siblings + defaults,
                "connect-src blob: " + defaults,
                "font-src data: " + defaults,
                "img-src data: blob: " + defaults,
                "object-src 'none'",
                "style-src 'unsafe-inline' " + defaults,
                "worker-src 'self' blob:",
                "frame-ancestors 'self'" + (frameAncestor == null ? "" : " " + frameAncestor),
                "base-uri 'self'",
                "form-action " + http);
        return String.join(";", directives) + ";";
    }
}
