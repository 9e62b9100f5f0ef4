package dev.hearth.apps.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppResource;
import dev.hearth.auth.Audience;
import dev.hearth.auth.Session;
import dev.hearth.auth.TokenService;
import dev.hearth.common.json.Json;
import dev.hearth.instances.Instance;
import dev.hearth.instances.SubdomainMode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * An app's {@code index.html}, rendered for the browser that asks: with an app token bound to the
 * browser's session (so the token dies with it) and the values cozy-stack gives the page; never
 * cached.
 */
final class AppPage {
    /** Pages kept compiled; past that many (app versions come and go), the cache starts over. */
    static final int MAX_COMPILED = 256;

    private final TokenService tokens;
    /** Compiled pages by their file's ETag, a hash of its content: each page is read and scanned once. */
    private final Map<String, IndexTemplate> compiled = new ConcurrentHashMap<>();
    /** The {@code name_prefix} of each app version ({@code slug@version}), empty when none. */
    private final Map<String, String> prefixes = new ConcurrentHashMap<>();

    AppPage(TokenService tokens) {
        this.tokens = tokens;
    }

    void write(
            HttpServletResponse resp,
            AppManifest app,
            AppResource index,
            Instance instance,
            SubdomainMode subdomains,
            Optional<Session> session)
            throws IOException {
        IndexTemplate template = template(index);
        String token = session.map(
                        s -> tokens.mint(instance.domain(), Audience.APP, app.slug(), "", s.id(), Instant.now()))
                .orElse("");
        IndexValues values = new IndexValues(
                token,
                instance.domain(),
                instance.contextName(),
                instance.locale(),
                subdomains == SubdomainMode.FLAT ? "flat" : "nested",
                new IndexValues.App(
                        app.slug(),
                        app.name(instance.locale()),
                        app.editor(),
                        namePrefix(app),
                        app.icon().orElse(null)),
                capabilities(subdomains),
                Json.mapper().createObjectNode());
        byte[] body = template.render(values.asMap()).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType("text/html; charset=UTF-8");
        resp.setHeader("Cache-Control", "private, no-store, must-revalidate");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    IndexTemplate template(AppResource index) throws IOException {
        IndexTemplate known = compiled.get(index.etag());
        if (known != null) {
            return known;
        }
        IndexTemplate read;
        try (InputStream in = index.open()) {
            read = IndexTemplate.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        if (compiled.size() >= MAX_COMPILED) {
            compiled.clear();
        }
        compiled.put(index.etag(), read);
        return read;
    }

    /** The manifest's {@code name_prefix}, read once per app version (the raw manifest is a copy). */
    private @Nullable String namePrefix(AppManifest app) {
        String key = app.slug() + "@" + app.version();
        String known = prefixes.get(key);
        if (known == null) {
            if (prefixes.size() >= MAX_COMPILED) {
                prefixes.clear();
            }
            known = app.raw().path("name_prefix").asText("");
            prefixes.put(key, known);
        }
        return known.isEmpty() ? null : known;
    }

    private static ObjectNode capabilities(SubdomainMode subdomains) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("file_versioning", false);
        c.put("flat_subdomains", subdomains == SubdomainMode.FLAT);
        c.put("can_auth_with_password", true);
        c.put("can_auth_with_magic_links", false);
        c.put("can_auth_with_oidc", false);
        return c;
    }
}
