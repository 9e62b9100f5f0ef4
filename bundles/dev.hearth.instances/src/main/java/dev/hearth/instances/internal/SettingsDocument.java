package dev.hearth.instances.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The settings of an instance as Cozy's {@code io.cozy.settings.instance} document: four fields
 * of the instance, the other attributes kept in its record, and a CouchDB-style revision that
 * changes with any of them.
 */
final class SettingsDocument {
    /** Attributes the server computes: an update cannot set them. */
    static final Set<String> COMPUTED =
            Set.of("context", "password_defined", "auth_mode", "uuid", "onboarding_finished", "default_redirection");

    private static final String LOCALE = "locale";
    private static final String EMAIL = "email";
    private static final String PUBLIC_NAME = "public_name";
    private static final String TIMEZONE = "timezone";
    private static final Set<String> FIELDS = Set.of(LOCALE, EMAIL, PUBLIC_NAME, TIMEZONE);
    private static final int REV_HASH_BYTES = 16;

    private SettingsDocument() {}

    /** The settings of a record. */
    static InstanceSettings of(InstanceRecord record) {
        Instance i = record.instance();
        ObjectNode attributes = Json.mapper().createObjectNode();
        attributes.put(LOCALE, i.locale());
        putIfSet(attributes, EMAIL, i.email());
        putIfSet(attributes, PUBLIC_NAME, i.publicName());
        putIfSet(attributes, TIMEZONE, i.timezone());
        attributes.setAll(record.extraSettings());
        return new InstanceSettings(record.settingsRev(), attributes);
    }

    /**
     * A record with the settings replaced by {@code attributes} and a new revision.
     *
     * @throws ApiException 409 when {@code rev} is not the record's revision, 422 when one of
     *     the four instance fields is not a string
     */
    static InstanceRecord update(InstanceRecord record, @Nullable String rev, ObjectNode attributes) {
        if (!record.settingsRev().equals(rev)) {
            throw ApiException.conflict("Document update conflict");
        }
        Instance i = record.instance();
        String locale = text(attributes, LOCALE);
        Instance updated = new Instance(
                i.id(),
                i.domain(),
                locale == null || locale.isBlank() ? i.locale() : locale,
                text(attributes, EMAIL),
                text(attributes, PUBLIC_NAME),
                text(attributes, TIMEZONE),
                i.contextName(),
                i.uuid(),
                i.onboardingFinished(),
                i.registerToken(),
                i.diskQuota(),
                i.blocked(),
                i.blockingReason(),
                i.authMode(),
                i.createdAt());
        return new InstanceRecord(updated, extras(attributes), nextRev(rev));
    }

    /** The record after a change of its instance: a new revision when a settings field changed. */
    static InstanceRecord afterChange(InstanceRecord record, Instance updated) {
        Instance old = record.instance();
        boolean same = old.locale().equals(updated.locale())
                && Objects.equals(old.email(), updated.email())
                && Objects.equals(old.publicName(), updated.publicName())
                && Objects.equals(old.timezone(), updated.timezone());
        return same
                ? record.withInstance(updated)
                : new InstanceRecord(updated, record.extraSettings(), nextRev(record.settingsRev()));
    }

    /**
     * The first revision of an instance's settings, derived from its id, so that a record
     * written before settings had revisions gets the same one at every start.
     */
    static String firstRev(String instanceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("settings\n" + instanceId).getBytes(StandardCharsets.UTF_8));
            return "1-" + HexFormat.of().formatHex(digest, 0, REV_HASH_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** The revision after {@code rev}: its generation plus one, and a fresh hash. */
    static String nextRev(String rev) {
        int dash = rev.indexOf('-');
        long generation = dash > 0 ? parseGeneration(rev.substring(0, dash)) : 0;
        return (generation + 1) + "-" + Ids.randomHex(REV_HASH_BYTES);
    }

    private static long parseGeneration(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The attributes to keep besides the instance fields: neither computed nor CouchDB's own. */
    private static ObjectNode extras(ObjectNode attributes) {
        ObjectNode extras = Json.mapper().createObjectNode();
        attributes.properties().forEach(e -> {
            String name = e.getKey();
            if (!FIELDS.contains(name) && !COMPUTED.contains(name) && !name.startsWith("_")) {
                extras.set(name, e.getValue().deepCopy());
            }
        });
        return extras;
    }

    private static @Nullable String text(ObjectNode attributes, String name) {
        JsonNode value = attributes.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.invalidAttribute(name, "The " + name + " must be a string");
        }
        return value.asText();
    }

    private static void putIfSet(ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
