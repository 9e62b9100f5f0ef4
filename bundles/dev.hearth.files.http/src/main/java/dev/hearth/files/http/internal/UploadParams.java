package dev.hearth.files.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.files.FileService;
import dev.hearth.files.Upload;
import dev.hearth.web.Call;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The query parameters and headers of an upload, read into an {@link Upload}. */
final class UploadParams {
    private UploadParams() {}

    static Upload read(Call call, FileService files, boolean overwrite) {
        Long size = size(call);
        String created = call.query("CreatedAt");
        if (created == null) {
            created = date(call.header("Date"));
        }
        ObjectNode metadata = metadata(call, files);
        return new Upload(
                call.query("Name"),
                size,
                md5(call.header("Content-MD5")),
                call.header("Content-Type"),
                tags(call.query("Tags")),
                call.flag("Executable"),
                created,
                call.query("UpdatedAt"),
                metadata,
                call.query("SourceAccount"),
                call.query("SourceAccountIdentifier"),
                overwrite ? call.header("If-Match") : null);
    }

    /** {@code Size}, else {@code Content-Length}; 412 when both are given and differ. */
    private static @Nullable Long size(Call call) {
        long length = call.request().getContentLengthLong();
        String declared = call.query("Size");
        if (declared == null || declared.isEmpty()) {
            return length >= 0 ? length : null;
        }
        long size;
        try {
            size = Long.parseLong(declared);
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter("Size", "Not a number: " + declared);
        }
        if (size < 0) {
            throw ApiException.invalidParameter("Size", "Negative size");
        }
        if (length >= 0 && length != size) {
            throw ApiException.preconditionFailed("Content-Length", "Size and Content-Length do not match");
        }
        return size;
    }

    private static byte @Nullable [] md5(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            byte[] md5 = Base64.getDecoder().decode(header.trim());
            if (md5.length != 16) {
                throw ApiException.invalidParameter("Content-MD5", "Not an MD5 digest");
            }
            return md5;
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("Content-MD5", "Not base64");
        }
    }

    static List<String> tags(@Nullable String raw) {
        List<String> tags = new ArrayList<>();
        if (raw != null) {
            for (String t : raw.split(",")) {
                if (!t.isBlank()) {
                    tags.add(t.trim());
                }
            }
        }
        return tags;
    }

    private static @Nullable String date(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant()
                    .toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable ObjectNode metadata(Call call, FileService files) {
        String id = call.query("MetadataID");
        if (id != null && !id.isEmpty()) {
            return files.stagedMetadata(call.context().domain(), id);
        }
        String inline = call.query("Metadata");
        if (inline == null || inline.isEmpty()) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(inline);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // answered below
        }
        throw ApiException.invalidParameter("Metadata", "Not a JSON object");
    }

    /** The request body, where a broken-off transfer is the client's error (400), not the server's. */
    static InputStream body(Call call) throws IOException {
        return new FilterInputStream(call.request().getInputStream()) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw cut(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    throw cut(e);
                }
            }
        };
    }

    private static ApiException cut(IOException e) {
        return ApiException.badRequest(
                "The request body was cut short: " + e.getClass().getSimpleName());
    }
}
