package dev.hearth.auth.http.internal;

import dev.hearth.common.error.StatusException;
import dev.hearth.common.text.Html;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML pages of the server (login, onboarding, home) and their assets, from the bundle's
 * {@code pages/} folder. Placeholders {@code {{name}}} are replaced with HTML-escaped values, but
 * for names ending in {@code Html}, whose values the caller built from escaped parts.
 * Pages get their own Content-Security-Policy: scripts and styles from the server only.
 */
final class Pages {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    private static final Map<String, String> ASSET_TYPES =
            Map.of("pages.css", "text/css", "passphrase.js", "text/javascript");
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private Pages() {}

    /**
     * Writes a page.
     *
     * @param formAction the origins forms may post to and be redirected to, besides the page's own
     */
    static void render(HttpServletResponse resp, int status, String page, Map<String, String> values, String formAction)
            throws IOException {
        String template = new String(load(page + ".html"), StandardCharsets.UTF_8);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (m.find()) {
            String value = values.getOrDefault(m.group(1), "");
            String html = m.group(1).endsWith("Html") ? value : Html.escape(value);
            m.appendReplacement(out, Matcher.quoteReplacement(html));
        }
        m.appendTail(out);
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; "
                        + "img-src 'self' data:; form-action 'self'" + (formAction.isEmpty() ? "" : " " + formAction)
                        + "; frame-ancestors 'none'; base-uri 'none'");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.setContentType("text/html;charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** Writes a static asset of the pages, or 404. */
    static void asset(HttpServletResponse resp, String name) throws IOException {
        String type = ASSET_TYPES.get(name);
        if (type == null) {
            throw StatusException.notFound("Not Found");
        }
        byte[] body = load(name);
        resp.setContentType(type + ";charset=utf-8");
        resp.setHeader("Cache-Control", "public, max-age=3600");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static byte[] load(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = Pages.class.getResourceAsStream("/pages/" + n)) {
                if (in == null) {
                    throw new IllegalStateException("No page resource " + n);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
