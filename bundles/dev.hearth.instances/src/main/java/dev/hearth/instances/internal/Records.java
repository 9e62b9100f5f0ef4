package dev.hearth.instances.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.instances.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An {@link InstanceRecord} as JSON, the form every backend stores: the fields of the instance,
 * plus {@code settings} (the other settings attributes) and {@code settings_rev}. Records written
 * before settings were kept have neither, and read with no extra settings and a first revision.
 */
final class Records {
    private static final String SETTINGS = "settings";
    private static final String SETTINGS_REV = "settings_rev";
    private static final ObjectMapper MAPPER = Json.mapper();

    private Records() {}

    static ObjectNode toJson(InstanceRecord record) {
        ObjectNode json = MAPPER.valueToTree(record.instance());
        json.set(SETTINGS, record.extraSettings());
        json.put(SETTINGS_REV, record.settingsRev());
        return json;
    }

    /** The record of its JSON; the JSON given is consumed. */
    static InstanceRecord fromJson(ObjectNode json) {
        JsonNode settings = json.remove(SETTINGS);
        JsonNode rev = json.remove(SETTINGS_REV);
        Instance instance;
        try {
            instance = MAPPER.treeToValue(json, Instance.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable instance record", e);
        }
        return new InstanceRecord(
                instance,
                settings instanceof ObjectNode extra ? extra : MAPPER.createObjectNode(),
                rev != null && rev.isTextual() ? rev.asText() : SettingsDocument.firstRev(instance.id()));
    }
}
