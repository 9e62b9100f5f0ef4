package dev.hearth.apps.internal.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppType;
import dev.hearth.apps.FailedAppDTO;
import dev.hearth.auth.PermissionSet;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Cozy manifest: bytes in, an {@link AppManifest} or a {@link ManifestException} naming
 * the field at fault out. Pure: no I/O, no state. It checks what the Cozy stack checks at install
 * (slug, size, permission doctypes, the type against the manifest's file name) and, since Hearth
 * serves files straight from the bundle, that every path stays inside the app.
 */
public final class ManifestParser {
    /** The largest manifest read, as in the Cozy stack: 2 MiB. */
    public static final int MAX_BYTES = 2 << 20;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");

    private ManifestParser() {}

    /**
     * Parses the manifest of an app of the given type.
     *
     * @param bytes the manifest file, UTF-8 JSON
     * @param type the type its file name gives
     * @throws ManifestException with a reason code of {@link FailedAppDTO}
     */
    public static AppManifest parse(byte[] bytes, AppType type) throws ManifestException {
        if (bytes.length > MAX_BYTES) {
            throw ManifestException.of(
                    FailedAppDTO.MANIFEST_TOO_LARGE, "the manifest is larger than " + MAX_BYTES + " bytes");
        }
        ObjectNode json = readObject(bytes);
        String slug = slug(json);
        try {
            checkType(json, type);
            String name = Fields.text(json, "name", "name", "");
            return new ParsedManifest(
                    slug,
                    type,
                    name.isEmpty() ? slug : name,
                    localeNames(Fields.get(json, "locales")),
                    Fields.requiredText(json, "version", "version"),
                    Fields.text(json, "editor", "editor", ""),
                    Optional.of(Fields.text(json, "icon", "icon", "")).filter(icon -> !icon.isEmpty()),
                    permissions(Fields.get(json, "permissions")),
                    Sections.routes(Fields.get(json, "routes")),
                    Sections.intents(Fields.get(json, "intents")),
                    Sections.services(Fields.get(json, "services")),
                    json);
        } catch (ManifestException e) {
            throw e.withSlug(slug);
        }
    }

    private static ObjectNode readObject(byte[] bytes) throws ManifestException {
        JsonNode json;
        try {
            json = Json.mapper().readTree(bytes);
        } catch (IOException | RuntimeException e) {
            // Jackson's message, first line only: it names the line and column at fault.
            String detail = String.valueOf(e.getMessage()).lines().findFirst().orElse("malformed");
            throw ManifestException.of(FailedAppDTO.INVALID_JSON, "the manifest is not valid JSON: " + detail);
        }
        if (json instanceof ObjectNode object) {
            return object;
        }
        throw ManifestException.of(FailedAppDTO.INVALID_JSON, "the manifest is not a JSON object");
    }

    private static String slug(ObjectNode json) throws ManifestException {
        JsonNode slug = Fields.get(json, "slug");
        if (slug == null || !slug.isTextual() || !SLUG.matcher(slug.asText()).matches()) {
            throw ManifestException.field(
                    FailedAppDTO.INVALID_SLUG,
                    "slug",
                    "must be a non-empty string of lowercase letters, digits and dashes");
        }
        return slug.asText();
    }

    private static void checkType(ObjectNode json, AppType type) throws ManifestException {
        String written = Fields.text(json, "type", "type", "");
        if (!written.isEmpty() && !written.equals(type.value())) {
            throw ManifestException.field(
                    FailedAppDTO.TYPE_MISMATCH,
                    "type",
                    "is '" + written + "' but the manifest is a " + type.manifestName());
        }
    }

    private static Map<String, String> localeNames(@Nullable JsonNode locales) throws ManifestException {
        Map<String, String> names = new HashMap<>();
        if (locales == null) {
            return names;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = Fields.members(Fields.object(locales, "locales"));
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> locale = it.next();
            String at = "locales." + locale.getKey();
            String name = Fields.text(Fields.object(locale.getValue(), at), "name", at + ".name", "");
            if (!name.isEmpty()) {
                names.put(locale.getKey(), name);
            }
        }
        return names;
    }

    /**
     * The permissions, through auth's own reader so that an app asks for exactly what a permission
     * document can hold; each rule is first read alone, to name the one at fault.
     */
    private static PermissionSet permissions(@Nullable JsonNode permissions) throws ManifestException {
        if (permissions == null) {
            return PermissionSet.empty();
        }
        ObjectNode rules = Fields.object(permissions, "permissions");
        for (Iterator<Map.Entry<String, JsonNode>> it = Fields.members(rules); it.hasNext(); ) {
            Map.Entry<String, JsonNode> rule = it.next();
            ObjectNode alone = Json.mapper().createObjectNode();
            alone.set(rule.getKey(), rule.getValue());
            try {
                PermissionSet.fromJson(alone);
            } catch (StatusException e) {
                throw ManifestException.invalid(
                        "permissions." + rule.getKey(),
                        "must be a rule with a valid doctype as type, and verbs among ALL, GET, POST, PUT,"
                                + " PATCH and DELETE");
            }
        }
        return PermissionSet.fromJson(rules);
    }
}
