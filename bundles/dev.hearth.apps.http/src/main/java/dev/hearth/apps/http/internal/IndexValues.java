package dev.hearth.apps.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.http.internal.IndexTemplate.Html;
import dev.hearth.common.json.Json;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The values cozy-stack gives an app's {@code index.html} ({@code registry-apps.md} 3.3). The
 * markup values that load cozy-stack's own assets (the Cozy bar, the legacy client, fonts, theme,
 * favicons) are empty: Hearth serves no such assets, and apps built with cozy-client do not need
 * them.
 *
 * @param token the app token, empty when the user is not logged in
 * @param domain the instance's host as requested, with its port
 * @param subdomains {@code nested} or {@code flat}
 */
record IndexValues(
        String token,
        String domain,
        String contextName,
        String locale,
        String subdomains,
        App app,
        ObjectNode capabilities,
        ObjectNode flags) {

    /** What the page says of its own app. */
    record App(
            String slug,
            String name,
            String editor,
            @Nullable String namePrefix,
            @Nullable String icon) {}

    /** By template name. */
    Map<String, Object> asMap() {
        Map<String, Object> values = new HashMap<>();
        values.put("Token", token);
        values.put("Domain", domain);
        values.put("ContextName", contextName);
        values.put("Locale", locale);
        values.put("AppSlug", app.slug());
        values.put("AppName", app.name());
        values.put("AppEditor", app.editor());
        values.put("AppNamePrefix", app.namePrefix() == null ? "" : app.namePrefix());
        values.put("IconPath", app.icon() == null ? "" : app.icon());
        values.put("SubDomain", subdomains);
        values.put("Tracking", "false");
        values.put("Capabilities", Json.string(capabilities));
        values.put("Flags", Json.string(flags));
        values.put("CozyData", Json.string(cozyData()));
        for (String markup : new String[] {"CozyBar", "CozyClientJS", "CozyFonts", "ThemeCSS", "Favicon", "Warnings"}) {
            values.put(markup, new Html(""));
        }
        values.put("DefaultWallpaper", "");
        return values;
    }

    /** {@code {{.CozyData}}}: what cozy-client reads from {@code data-cozy}. */
    private ObjectNode cozyData() {
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("token", token);
        data.put("domain", domain);
        data.put("subdomain", subdomains);
        data.put("tracking", false);
        data.put("locale", locale);
        data.put("isLoggedIn", !token.isEmpty());
        ObjectNode about = data.putObject("app");
        about.put("editor", app.editor());
        about.put("name", app.name());
        about.put("prefix", app.namePrefix() == null ? "" : app.namePrefix());
        about.put("slug", app.slug());
        about.put("icon", app.icon() == null ? "" : app.icon());
        data.set("flags", flags);
        data.set("capabilities", capabilities);
        return data;
    }
}
