package dev.hearth.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a client declares about content it uploads.
 *
 * @param name the file name (null on an overwrite keeps the name)
 * @param size the declared size, checked against what arrives (412), or null
 * @param md5 the declared raw MD5 ({@code Content-MD5}), checked (412), or null
 * @param contentType the declared media type, or null to guess from the name
 * @param createdAt RFC 3339, or null for now
 * @param updatedAt RFC 3339, or null for now
 * @param metadata the {@code metadata} object (staged or inline), or null
 * @param ifMatch the revision an overwrite replaces, or null
 */
public record Upload(
        @Nullable String name,
        @Nullable Long size,
        byte @Nullable [] md5,
        @Nullable String contentType,
        List<String> tags,
        boolean executable,
        @Nullable String createdAt,
        @Nullable String updatedAt,
        @Nullable ObjectNode metadata,
        @Nullable String sourceAccount,
        @Nullable String sourceAccountIdentifier,
        @Nullable String ifMatch) {}
