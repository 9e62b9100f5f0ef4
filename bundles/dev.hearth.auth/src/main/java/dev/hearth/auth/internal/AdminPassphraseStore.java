package dev.hearth.auth.internal;

import dev.hearth.auth.AdminPassphrase;
import dev.hearth.common.id.Ids;
import dev.hearth.instances.InstanceService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the admin passphrase as a scrypt hash in {@code <data>/admin-passphrase.hash}.
 *
 * <p>{@code HEARTH_ADMIN_PASSPHRASE} sets it: while it is set, it is the passphrase and nothing is
 * read or written. Without it, the stored hash applies; the first start generates a passphrase and
 * writes it, readable by its owner only, to {@code <data>/admin-passphrase} for the operator.
 * Hashing runs in the background so it does not delay startup; a verified passphrase is
 * remembered by its SHA-256 digest so that the admin API does not pay scrypt on every request. At
 * most two scrypt computations run at once, so guessing cannot exhaust memory.
 */
@Component
public final class AdminPassphraseStore implements AdminPassphrase {
    /** The environment variable that sets the admin passphrase. */
    public static final String ENV = "HEARTH_ADMIN_PASSPHRASE";

    static final String HASH_FILE = "admin-passphrase.hash";
    static final String PLAIN_FILE = "admin-passphrase";
    private static final Logger LOG = LoggerFactory.getLogger(AdminPassphraseStore.class);

    private final Semaphore scryptSlots = new Semaphore(2);
    private final CompletableFuture<ScryptHash> stored;
    private volatile byte[] verifiedDigest;

    @Activate
    public AdminPassphraseStore(@Reference InstanceService instances) {
        this(instances.dataDirectory(), System.getenv(ENV));
    }

    AdminPassphraseStore(Path dataDir, String fromEnvironment) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            LOG.info("Admin passphrase set by {}", ENV);
            this.verifiedDigest = Digests.sha256(fromEnvironment);
            this.stored = null;
        } else {
            this.stored = CompletableFuture.supplyAsync(
                    () -> initialize(dataDir),
                    r -> Thread.ofVirtual().name("admin-passphrase").start(r));
        }
    }

    @Override
    public boolean verify(String candidate) {
        byte[] digest = Digests.sha256(candidate);
        byte[] known = verifiedDigest;
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return true;
        }
        if (stored == null) {
            return false;
        }
        ScryptHash hash = stored.join();
        scryptSlots.acquireUninterruptibly();
        try {
            if (!hash.matches(candidate)) {
                return false;
            }
        } finally {
            scryptSlots.release();
        }
        verifiedDigest = digest;
        return true;
    }

    private static ScryptHash initialize(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path hashFile = dataDir.resolve(HASH_FILE);
            if (Files.exists(hashFile)) {
                return ScryptHash.decode(Files.readString(hashFile));
            }
            String generated = Ids.randomBase64Url(18);
            Path plain = dataDir.resolve(PLAIN_FILE);
            PrivateFiles.write(plain, (generated + "\n").getBytes(StandardCharsets.UTF_8));
            LOG.warn(
                    "Generated the admin passphrase and wrote it to '{}' (readable by its owner only). "
                            + "It guards the admin API and the console; set {} to choose it instead.",
                    plain,
                    ENV);
            return write(hashFile, generated);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set up the admin passphrase in " + dataDir, e);
        }
    }

    private static ScryptHash write(Path hashFile, String passphrase) throws IOException {
        ScryptHash hash = ScryptHash.create(passphrase, Ids.randomBytes(16));
        PrivateFiles.write(hashFile, (hash.encode() + "\n").getBytes(StandardCharsets.UTF_8));
        return hash;
    }
}
