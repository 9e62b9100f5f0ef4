package dev.hearth.instances.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.instances.Domains;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceSecrets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists instances as folders: {@code <root>/<domain>/instance.json} and {@code secrets.json}
 * (owner-only). Every file is written to a temporary name, synced and renamed, so a crash leaves
 * either the old or the new version. An instance exists once its {@code instance.json} exists.
 *
 * <p>{@code instance.json} holds the whole {@link InstanceRecord}: the fields of the instance,
 * plus {@code settings} (the other settings attributes) and {@code settings_rev}. Files written
 * before settings were kept there have neither, and load with no extra settings and a first
 * revision.
 */
final class InstanceStore {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceStore.class);
    private static final String INSTANCE_FILE = "instance.json";
    private static final String SECRETS_FILE = "secrets.json";
    private static final String SETTINGS = "settings";
    private static final String SETTINGS_REV = "settings_rev";
    private static final ObjectMapper MAPPER = Json.mapper();

    private final Path root;

    InstanceStore(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root);
    }

    Path directory(String domain) {
        return root.resolve(Domains.folderName(domain));
    }

    /** Loads every complete instance; half-created folders (no instance.json) are skipped. */
    List<InstanceRecord> loadAll() throws IOException {
        List<InstanceRecord> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Path file = dir.resolve(INSTANCE_FILE);
                if (dir.getFileName().toString().startsWith(".deleting-")) {
                    deleteTree(dir);
                    continue;
                }
                if (!Files.isRegularFile(file)) {
                    LOG.warn("Skipping '{}': no {} (an interrupted creation?)", dir, INSTANCE_FILE);
                    continue;
                }
                out.add(fromJson((ObjectNode) MAPPER.readTree(file.toFile())));
            }
        }
        return out;
    }

    /**
     * Creates the folder and files of a new instance; fails with {@link
     * java.nio.file.FileAlreadyExistsException} if the folder exists, and leaves no folder when it
     * fails after making it.
     */
    void create(InstanceRecord record, InstanceSecrets secrets) throws IOException {
        Path dir = directory(record.domain());
        Files.createDirectory(dir);
        try {
            writeAtomically(dir.resolve(SECRETS_FILE), MAPPER.writeValueAsBytes(toJson(secrets)), true);
            writeAtomically(dir.resolve(INSTANCE_FILE), MAPPER.writeValueAsBytes(toJson(record)), false);
            syncDirectory(root);
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** Replaces the record of an existing instance in one atomic write. */
    void update(InstanceRecord record) throws IOException {
        writeAtomically(
                directory(record.domain()).resolve(INSTANCE_FILE), MAPPER.writeValueAsBytes(toJson(record)), false);
    }

    private static ObjectNode toJson(InstanceRecord record) {
        ObjectNode json = MAPPER.valueToTree(record.instance());
        json.set(SETTINGS, record.extraSettings());
        json.put(SETTINGS_REV, record.settingsRev());
        return json;
    }

    static InstanceRecord fromJson(ObjectNode json) throws IOException {
        JsonNode settings = json.remove(SETTINGS);
        JsonNode rev = json.remove(SETTINGS_REV);
        Instance instance = MAPPER.treeToValue(json, Instance.class);
        return new InstanceRecord(
                instance,
                settings instanceof ObjectNode extra ? extra : MAPPER.createObjectNode(),
                rev != null && rev.isTextual() ? rev.asText() : SettingsDocument.firstRev(instance.id()));
    }

    InstanceSecrets readSecrets(String domain) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, String> json =
                MAPPER.readValue(directory(domain).resolve(SECRETS_FILE).toFile(), Map.class);
        Base64.Decoder b64 = Base64.getDecoder();
        return new InstanceSecrets(
                b64.decode(json.get("session")), b64.decode(json.get("oauth")), b64.decode(json.get("cli")));
    }

    /** Moves the folder aside in one rename (the instance is gone), then deletes it. */
    void delete(String domain) throws IOException {
        Path dir = directory(domain);
        Path trash = root.resolve(".deleting-" + Domains.folderName(domain) + "-" + System.nanoTime());
        Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(root);
        deleteTree(trash);
    }

    private static Map<String, String> toJson(InstanceSecrets s) {
        Base64.Encoder b64 = Base64.getEncoder();
        return Map.of(
                "session",
                b64.encodeToString(s.session()),
                "oauth",
                b64.encodeToString(s.oauth()),
                "cli",
                b64.encodeToString(s.cli()));
    }

    static void writeAtomically(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (ownerOnly) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p :
                    paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
