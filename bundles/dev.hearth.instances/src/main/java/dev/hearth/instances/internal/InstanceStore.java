package dev.hearth.instances.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 */
final class InstanceStore {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceStore.class);
    private static final String INSTANCE_FILE = "instance.json";
    private static final String SECRETS_FILE = "secrets.json";
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
    List<Instance> loadAll() throws IOException {
        List<Instance> out = new ArrayList<>();
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
                out.add(MAPPER.readValue(file.toFile(), Instance.class));
            }
        }
        return out;
    }

    /** Creates the folder and files of a new instance; fails if the folder exists. */
    void create(Instance instance, InstanceSecrets secrets) throws IOException {
        Path dir = directory(instance.domain());
        Files.createDirectory(dir);
        writeAtomically(dir.resolve(SECRETS_FILE), MAPPER.writeValueAsBytes(toJson(secrets)), true);
        writeAtomically(dir.resolve(INSTANCE_FILE), MAPPER.writeValueAsBytes(instance), false);
        syncDirectory(root);
    }

    void update(Instance instance) throws IOException {
        writeAtomically(directory(instance.domain()).resolve(INSTANCE_FILE), MAPPER.writeValueAsBytes(instance), false);
    }

    InstanceSecrets readSecrets(String domain) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, String> json = MAPPER.readValue(directory(domain).resolve(SECRETS_FILE).toFile(), Map.class);
        Base64.Decoder b64 = Base64.getDecoder();
        return new InstanceSecrets(b64.decode(json.get("session")), b64.decode(json.get("oauth")), b64.decode(json.get("cli")));
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
        return Map.of("session", b64.encodeToString(s.session()), "oauth", b64.encodeToString(s.oauth()),
                "cli", b64.encodeToString(s.cli()));
    }

    static void writeAtomically(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (ownerOnly) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
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
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
