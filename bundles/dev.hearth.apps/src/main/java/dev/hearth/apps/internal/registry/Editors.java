package dev.hearth.apps.internal.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The editors who may publish to Hearth's registry, each with one token, of which only the
 * SHA-256 is kept ({@code <data-dir>/registry-editors.json}, outside the registry folder, so that
 * a copy of the registry carries no credential). Tokens are standard base64, as the registry's
 * own are, so that every publishing tool passes them on unchanged.
 */
final class Editors {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;

    Editors(Path file) {
        this.file = file;
    }

    static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    synchronized String add(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("Invalid editor name " + name);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getEncoder().encodeToString(secret);
        ObjectNode all = load();
        all.put(name, hash(token));
        try {
            SafeFiles.write(file, Json.bytes(all));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the editors in " + file, e);
        }
        return token;
    }

    synchronized List<String> names() {
        List<String> names = new ArrayList<>();
        load().fieldNames().forEachRemaining(names::add);
        names.sort(String::compareTo);
        return names;
    }

    synchronized Optional<String> of(String token) {
        byte[] hash = hash(token).getBytes(StandardCharsets.US_ASCII);
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : load().properties()) {
            if (MessageDigest.isEqual(hash, e.getValue().asText().getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    private ObjectNode load() {
        return FolderRegistry.read(file).orElseGet(() -> Json.mapper().createObjectNode());
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
