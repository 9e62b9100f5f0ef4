package dev.hearth.instances.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.instances.Domains;
import dev.hearth.instances.InstanceSecrets;
import dev.hearth.instances.registry.RegistryBackend;
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
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists instances as folders: {@code <root>/<domain>/instance.json} and {@code secrets.json}
 * (owner-only). Every file is written to a temporary name, synced and renamed, so a crash leaves
 * either the old or the new version. An instance exists once its {@code instance.json} exists.
 *
 * <p>{@code instance.json} holds the whole {@link InstanceRecord} as {@link Records} writes it.
 *
 * <p>This is the embedded {@link RegistryBackend}: one node, nothing to watch. As a service it is
 * what the registry's {@code backend.target} selects by default.
 */
@Component(
        configurationPid = InstancesConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = RegistryBackend.PROPERTY + "=embedded")
public final class InstanceStore implements RegistryBackend {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceStore.class);
    private static final String INSTANCE_FILE = "instance.json";
    private static final String SECRETS_FILE = "secrets.json";
    private static final ObjectMapper MAPPER = Json.mapper();

    private final Path root;

    @Activate
    public InstanceStore(InstancesConfig config) throws IOException {
        this(Path.of(config.dataDir()).toAbsolutePath().normalize().resolve("instances"));
    }

    InstanceStore(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root);
    }

    Path directory(String domain) {
        return root.resolve(Domains.folderName(domain));
    }

    /** Loads every complete instance; half-created folders (no instance.json) are skipped. */
    @Override
    public List<ObjectNode> loadAll() throws IOException {
        List<ObjectNode> out = new ArrayList<>();
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
                out.add((ObjectNode) MAPPER.readTree(file.toFile()));
            }
        }
        return out;
    }

    /**
     * Creates the folder and files of a new instance; fails with {@link
     * java.nio.file.FileAlreadyExistsException} if the folder exists, and leaves no folder when it
     * fails after making it.
     */
    @Override
    public void create(String domain, ObjectNode record, InstanceSecrets secrets) throws IOException {
        Path dir = directory(domain);
        Files.createDirectory(dir);
        try {
            writeAtomically(dir.resolve(SECRETS_FILE), MAPPER.writeValueAsBytes(toJson(secrets)), true);
            writeAtomically(dir.resolve(INSTANCE_FILE), MAPPER.writeValueAsBytes(record), false);
            syncDirectory(root);
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** An instance is visible once its folder holds its record: nothing more to do. */
    @Override
    public void publish(String domain) {}

    @Override
    public @Nullable ObjectNode load(String domain) throws IOException {
        Path file = directory(domain).resolve(INSTANCE_FILE);
        return Files.isRegularFile(file) ? (ObjectNode) MAPPER.readTree(file.toFile()) : null;
    }

    /**
     * Replaces the record of an existing instance in one atomic write. The registry calls it
     * under the instance's lock, so the record read is the last one written.
     */
    @Override
    public @Nullable ObjectNode update(String domain, UnaryOperator<ObjectNode> change) throws IOException {
        ObjectNode current = load(domain);
        if (current == null) {
            return null;
        }
        ObjectNode updated = change.apply(current);
        if (updated == current) {
            return current;
        }
        writeAtomically(directory(domain).resolve(INSTANCE_FILE), MAPPER.writeValueAsBytes(updated), false);
        return updated;
    }

    @Override
    public InstanceSecrets secrets(String domain) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, String> json =
                MAPPER.readValue(directory(domain).resolve(SECRETS_FILE).toFile(), Map.class);
        Base64.Decoder b64 = Base64.getDecoder();
        return new InstanceSecrets(
                b64.decode(json.get("session")), b64.decode(json.get("oauth")), b64.decode(json.get("cli")));
    }

    /** Moves the folder aside in one rename (the instance is gone), then deletes it. */
    @Override
    public void delete(String domain) throws IOException {
        Path dir = directory(domain);
        Path trash = root.resolve(".deleting-" + Domains.folderName(domain) + "-" + System.nanoTime());
        Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(root);
        deleteTree(trash);
    }

    @Override
    public byte @Nullable [] readPrivate(String domain, String name) throws IOException {
        Path file = directory(domain).resolve(checkName(name));
        return Files.exists(file) ? Files.readAllBytes(file) : null;
    }

    @Override
    public void writePrivate(String domain, String name, byte[] content) throws IOException {
        writeAtomically(directory(domain).resolve(checkName(name)), content, true);
    }

    @Override
    public void deletePrivate(String domain, String name) throws IOException {
        Files.deleteIfExists(directory(domain).resolve(checkName(name)));
    }

    /** A private file is a plain name in the instance's folder, never one of the registry's own. */
    static String checkName(String name) {
        if (!name.matches("[a-z0-9][a-z0-9_.-]{0,63}") || name.equals(INSTANCE_FILE) || name.equals(SECRETS_FILE)) {
            throw new IllegalArgumentException("Not a private file name: " + name);
        }
        return name;
    }

    @Override
    public AutoCloseable watch(Consumer<@Nullable String> changed) {
        return () -> {};
    }

    @Override
    public String describe() {
        return "embedded";
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
