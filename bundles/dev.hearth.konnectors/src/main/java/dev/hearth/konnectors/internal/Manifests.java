package dev.hearth.konnectors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the runs read from a manifest beyond the typed fields of {@link dev.hearth.apps.AppManifest}.
 *
 * <p><b>Egress.</b> cozy-stack lets konnectors reach any host; Hearth's sandbox reaches the
 * instance and the domains the manifest declares, nothing else. A manifest declares them in
 * {@value #ALLOWED_DOMAINS}, an array of host names ({@code ["vendor.example"]}; a domain allows
 * its subdomains). A konnector's {@code vendor_link} (the site Cozy already shows to the user as
 * the konnector's vendor) is allowed too, so a konnector whose vendor is one site needs nothing
 * more.
 */
final class Manifests {
    static final String ALLOWED_DOMAINS = "allowed_domains";
    private static final Pattern HOST =
            Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$");

    private Manifests() {}

    static Set<String> allowedDomains(ObjectNode raw) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode d : raw.path(ALLOWED_DOMAINS)) {
            String host = d.asText("").trim().toLowerCase(Locale.ROOT);
            if (d.isTextual() && HOST.matcher(host).matches()) {
                out.add(host);
            }
        }
        String vendor = raw.path("vendor_link").asText("");
        if (!vendor.isEmpty()) {
            try {
                String host = URI.create(vendor).getHost();
                if (host != null && HOST.matcher(host.toLowerCase(Locale.ROOT)).matches()) {
                    out.add(host.toLowerCase(Locale.ROOT));
                }
            } catch (IllegalArgumentException e) {
                // not a URL: nothing allowed from it
            }
        }
        return out;
    }

    /** The konnector's main module: the manifest's {@code main}, else {@code index.js}. */
    static String main(ObjectNode raw) {
        String main = clean(raw.path("main").asText(""));
        return main.isEmpty() ? "index.js" : main;
    }

    /** The {@code on_delete_account} script, or the empty string when the manifest has none. */
    static String onDeleteAccount(ObjectNode raw) {
        return clean(raw.path("on_delete_account").asText(""));
    }

    /** A path inside the app: no leading slash, no {@code .} or {@code ..} going above its root. */
    static String clean(String path) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    /** The manifest's {@code parameters} as JSON text ({@code null} when it has none, as cozy-stack sends). */
    static String parameters(ObjectNode raw) {
        JsonNode parameters = raw.get("parameters");
        return parameters == null ? "null" : parameters.toString();
    }

    /** Whether the konnector asks for a folder ({@code folders}, or {@code fields.advanced_fields.folderPath}). */
    static boolean hasFolderPath(ObjectNode raw) {
        return raw.path("folders").isArray()
                || !raw.path("fields")
                        .path("advanced_fields")
                        .path("folderPath")
                        .isMissingNode();
    }
}
