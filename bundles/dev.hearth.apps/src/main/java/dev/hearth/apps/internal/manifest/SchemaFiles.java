package dev.hearth.apps.internal.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.FailedAppDTO;
import dev.hearth.apps.internal.schema.InvalidSchemaException;
import dev.hearth.apps.internal.schema.JsonSchema;
import dev.hearth.auth.Rule;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON Schemas an app ships for its doctypes: {@code schemas/<doctype>.json} beside its
 * manifest, one per doctype. Each is checked and compiled once, when the app bundle is read: it
 * must be named after a doctype the manifest's permissions declare (by name or wildcard) that
 * clients may write, be at most {@value #MAX_BYTES} bytes of JSON, and stay within the supported
 * subset of JSON Schema. Any fault fails the whole app, with {@link FailedAppDTO#INVALID_SCHEMA}.
 */
public final class SchemaFiles {
    /** The folder of the schemas, relative to the manifest's. */
    public static final String FOLDER = "schemas/";

    /** The largest schema file read. */
    public static final int MAX_BYTES = 256 << 10;

    /** The most schema files an app may ship. */
    public static final int MAX_FILES = 100;

    private SchemaFiles() {}

    /** Reads a file of the schemas folder, {@code atMost} bytes at most. */
    @FunctionalInterface
    public interface Reader {
        byte[] read(String name, int atMost) throws IOException;
    }

    /**
     * Compiles the schema files.
     *
     * @param names the file names in the schemas folder (without the folder)
     * @param reader reads one of them
     * @return the compiled schema of each doctype, by doctype
     */
    public static Map<String, JsonSchema> compile(AppManifest manifest, Iterable<String> names, Reader reader)
            throws ManifestException {
        Map<String, JsonSchema> schemas = new TreeMap<>();
        for (String name : names) {
            if (schemas.size() >= MAX_FILES) {
                throw fault(manifest, "an app ships at most " + MAX_FILES + " schemas");
            }
            String file = FOLDER + name;
            if (!name.endsWith(".json")) {
                throw fault(manifest, "'" + file + "' is not named <doctype>.json");
            }
            String doctype = name.substring(0, name.length() - ".json".length());
            checkDoctype(manifest, file, doctype);
            schemas.put(doctype, compile(manifest, file, read(manifest, file, name, reader)));
        }
        return schemas;
    }

    private static void checkDoctype(AppManifest manifest, String file, String doctype) throws ManifestException {
        if (!Doctypes.isValid(doctype)) {
            throw fault(manifest, "'" + file + "' is not named after a doctype");
        }
        if (manifest.permissions().rules().stream().noneMatch((Rule r) -> r.matchesType(doctype))) {
            throw fault(
                    manifest, "'" + file + "' is for " + doctype + ", which the manifest's permissions do not declare");
        }
        try {
            Doctypes.checkWritable(doctype);
        } catch (StatusException e) {
            throw fault(
                    manifest,
                    "'" + file + "' is for " + doctype + ", a doctype of the server that apps cannot constrain");
        }
    }

    private static byte[] read(AppManifest manifest, String file, String name, Reader reader) throws ManifestException {
        byte[] bytes;
        try {
            bytes = reader.read(name, MAX_BYTES + 1);
        } catch (IOException e) {
            throw fault(manifest, "'" + file + "' cannot be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw fault(manifest, "'" + file + "' is larger than " + MAX_BYTES + " bytes");
        }
        return bytes;
    }

    private static JsonSchema compile(AppManifest manifest, String file, byte[] bytes) throws ManifestException {
        JsonNode json;
        try {
            json = Json.mapper().readTree(bytes);
        } catch (IOException | RuntimeException e) {
            String detail = String.valueOf(e.getMessage()).lines().findFirst().orElse("malformed");
            throw fault(manifest, "'" + file + "' is not valid JSON: " + detail);
        }
        try {
            return JsonSchema.compile(json == null ? Json.mapper().missingNode() : json);
        } catch (InvalidSchemaException e) {
            throw fault(manifest, "'" + file + "' is not a schema Hearth can enforce, " + e.getMessage());
        }
    }

    private static ManifestException fault(AppManifest manifest, String message) {
        return ManifestException.of(FailedAppDTO.INVALID_SCHEMA, message).withSlug(manifest.slug());
    }
}
