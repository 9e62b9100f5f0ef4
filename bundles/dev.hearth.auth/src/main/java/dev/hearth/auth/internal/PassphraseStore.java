package dev.hearth.auth.internal;

import dev.hearth.auth.Passphrases;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Stores each user's passphrase as {@code <instance>/passphrase.json}: the scrypt hash of the
 * client-side hash, and the PBKDF2 iteration count clients must use.
 */
@Component
public final class PassphraseStore implements Passphrases {
    static final String FILE = "passphrase.json";

    private final InstanceService instances;

    @Activate
    public PassphraseStore(@Reference InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public void setFromClearText(String domain, String passphrase, int iterations) {
        int rounds = iterations == 0 ? DEFAULT_ITERATIONS : iterations;
        if (passphrase == null || passphrase.isEmpty()) {
            throw ApiException.invalidParameter("Passphrase", "Missing new passphrase");
        }
        if (rounds < MIN_ITERATIONS) {
            throw ApiException.invalidParameter("KdfIterations", "The KDF iterations must be at least " + MIN_ITERATIONS);
        }
        Instance instance = instances.get(domain);
        String clientHash = clientSideHash(passphrase, instance.domainWithoutPort(), rounds);
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("hash", ScryptHash.create(clientHash, Ids.randomBytes(16)).encode());
        stored.put("iterations", rounds);
        write(instances.directory(domain).resolve(FILE), Json.bytes(stored));
    }

    @Override
    public boolean isDefined(String domain) {
        return Files.exists(instances.directory(domain).resolve(FILE));
    }

    /**
     * What a browser sends for a passphrase: base64(PBKDF2-SHA256(PBKDF2-SHA256(passphrase,
     * "me@"+domain, iterations), passphrase, 1)).
     */
    static String clientSideHash(String passphrase, String domainWithoutPort, int iterations) {
        byte[] master = Pbkdf2.sha256(passphrase.getBytes(StandardCharsets.UTF_8),
                ("me@" + domainWithoutPort).getBytes(StandardCharsets.UTF_8), iterations);
        byte[] hashed = Pbkdf2.sha256(master, passphrase.getBytes(StandardCharsets.UTF_8), 1);
        return Base64.getEncoder().encodeToString(hashed);
    }

    private static void write(Path file, byte[] content) {
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the passphrase in " + file.getParent(), e);
        }
    }
}
