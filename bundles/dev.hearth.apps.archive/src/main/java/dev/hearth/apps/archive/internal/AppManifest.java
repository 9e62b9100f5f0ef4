package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.INVALID_MANIFEST;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.hearth.apps.archive.ArchiveException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * The four manifest fields the conversion needs, read with Jackson's streaming parser: everything
 * else is skipped unread into memory, and checked only for being JSON (the apps extender validates
 * the manifest in full). Duplicate keys are refused, so that this reading and the extender's cannot
 * see two different slugs.
 *
 * @param slug {@code slug}, or null when absent
 * @param version {@code version}, or null when absent
 * @param type {@code type}, or null when absent
 * @param name {@code name}, or null when absent
 */
record AppManifest(
        @Nullable String slug,
        @Nullable String version,
        @Nullable String type,
        @Nullable String name) {
    /** Cozy's {@code ManifestMaxSize}: a larger manifest is refused, as Cozy refuses it. */
    static final long MAX_BYTES = 2L << 20;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Reads a manifest of {@code length} bytes. */
    static AppManifest read(InputStream in, long length) throws IOException {
        if (length > MAX_BYTES) {
            throw new ArchiveException(INVALID_MANIFEST, "The manifest is larger than " + MAX_BYTES + " bytes");
        }
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ArchiveException(INVALID_MANIFEST, "The manifest is not a JSON object");
            }
            AppManifest manifest = fields(parser);
            if (parser.nextToken() != null) {
                throw new ArchiveException(INVALID_MANIFEST, "The manifest has data after its JSON object");
            }
            return manifest;
        } catch (JsonProcessingException e) {
            throw new ArchiveException(INVALID_MANIFEST, "The manifest is not valid JSON: " + e.getOriginalMessage());
        } catch (CharConversionException e) {
            throw new ArchiveException(INVALID_MANIFEST, "The manifest's text encoding is invalid");
        }
    }

    private static AppManifest fields(JsonParser parser) throws IOException {
        String slug = null;
        String version = null;
        String type = null;
        String name = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "slug" -> slug = text(parser, value, field);
                case "version" -> version = text(parser, value, field);
                case "type" -> type = text(parser, value, field);
                case "name" -> name = text(parser, value, field);
                default -> parser.skipChildren();
            }
        }
        return new AppManifest(slug, version, type, name);
    }

    private static @Nullable String text(JsonParser parser, @Nullable JsonToken value, String field)
            throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new ArchiveException(INVALID_MANIFEST, "The manifest's " + field + " is not a string");
        }
        return parser.getText();
    }
}
