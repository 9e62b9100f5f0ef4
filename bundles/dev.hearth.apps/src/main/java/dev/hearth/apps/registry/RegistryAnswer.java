package dev.hearth.apps.registry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What a registry answers to a GET, as the HTTP layer sends it on: the body is in memory, or a
 * file for a tarball.
 *
 * @param cacheControl the {@code Cache-Control} header, or null
 */
public record RegistryAnswer(
        int status,
        String contentType,
        byte[] body,
        @Nullable Path file,
        @Nullable String cacheControl) {

    public static final String JSON = "application/json";

    /** A JSON answer. */
    public static RegistryAnswer json(int status, byte[] body, @Nullable String cacheControl) {
        return new RegistryAnswer(status, JSON, body, null, cacheControl);
    }

    /** A registry error, {@code {"error":"<message>"}}. */
    public static RegistryAnswer error(int status, String message) {
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
        return json(
                status,
                ("{\"error\":\"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8),
                status == 404 ? "max-age=60" : "no-cache");
    }
}
