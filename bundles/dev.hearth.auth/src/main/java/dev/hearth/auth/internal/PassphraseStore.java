package dev.hearth.auth.internal;

import dev.hearth.auth.Passphrases;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceListener;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.NewInstance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Stores each user's passphrase as the instance's private file {@code passphrase.json}: the scrypt hash of the
 * client-side hash, the PBKDF2 iteration count clients must use, and the hint.
 *
 * <p>It is also an {@link InstanceListener}: a passphrase given when an instance is created is
 * stored while the instance is being created, so that a refused passphrase aborts the creation
 * instead of leaving an instance nobody can log in to.
 */
@Component(service = {Passphrases.class, InstanceListener.class})
public final class PassphraseStore implements Passphrases, InstanceListener {
    static final String FILE = "passphrase.json";
    static final String INVALID_REGISTER_TOKEN = "Invalid register token";

    /** The content of the file. */
    record Stored(String hash, int iterations, @Nullable String hint) {}

    private final InstanceService instances;

    @Activate
    public PassphraseStore(@Reference InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public void setFromClearText(String domain, String passphrase, int iterations) {
        setFromClearText(instances.get(domain), passphrase, iterations);
    }

    /** Stores the passphrase of an instance created with one; the instance is not visible yet. */
    @Override
    public void instanceCreating(Instance instance, NewInstance request) {
        String passphrase = request.passphrase();
        if (passphrase != null) {
            setFromClearText(instance, passphrase, request.kdfIterations());
        }
    }

    private void setFromClearText(Instance instance, String passphrase, int iterations) {
        int rounds = iterations == 0 ? DEFAULT_ITERATIONS : iterations;
        if (passphrase == null || passphrase.isEmpty()) {
            throw ApiException.invalidParameter("Passphrase", "Missing new passphrase");
        }
        checkIterations("KdfIterations", rounds);
        String domain = instance.domain();
        store(domain, clientSideHash(passphrase, instance.domainWithoutPort(), rounds), rounds, hintOf(domain));
    }

    @Override
    public boolean isDefined(String domain) {
        return instances.readPrivate(domain, FILE).isPresent();
    }

    @Override
    public KdfParams params(String domain) {
        Instance instance = instances.get(domain);
        Stored stored = read(domain);
        return new KdfParams(
                "me@" + instance.domainWithoutPort(), 0, stored == null ? DEFAULT_ITERATIONS : stored.iterations());
    }

    @Override
    public boolean check(String domain, String clientHash) {
        Stored stored = read(domain);
        return stored != null
                && clientHash != null
                && !clientHash.isEmpty()
                && ScryptHash.decode(stored.hash()).matches(clientHash);
    }

    @Override
    public boolean isRegisterToken(String domain, @Nullable String token) {
        String expected = instances.get(domain).registerToken();
        return expected != null
                && token != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void register(
            String domain, String registerToken, String clientHash, int iterations, @Nullable String hint) {
        if (!isRegisterToken(domain, registerToken)) {
            throw ApiException.badRequest(INVALID_REGISTER_TOKEN);
        }
        checkNewHash(clientHash, iterations);
        store(domain, clientHash, iterations, hint);
        instances.finishRegistration(domain);
    }

    @Override
    public void change(String domain, String currentHash, String newHash, int iterations) {
        if (!check(domain, currentHash)) {
            throw ApiException.badRequest(INVALID);
        }
        checkNewHash(newHash, iterations);
        store(domain, newHash, iterations, hintOf(domain));
    }

    @Override
    public Optional<String> hint(String domain) {
        return Optional.ofNullable(hintOf(domain));
    }

    @Override
    public synchronized void setHint(String domain, @Nullable String hint) {
        Stored stored = read(domain);
        if (stored == null) {
            throw ApiException.badRequest("The passphrase is not defined yet");
        }
        instances.writePrivate(domain, FILE, Json.bytes(new Stored(stored.hash(), stored.iterations(), hint)));
    }

    private @Nullable String hintOf(String domain) {
        Stored stored = read(domain);
        return stored == null ? null : stored.hint();
    }

    private static void checkNewHash(String hash, int iterations) {
        if (hash == null || hash.isEmpty()) {
            throw ApiException.invalidParameter("passphrase", "Missing new passphrase");
        }
        checkIterations("iterations", iterations);
    }

    private static void checkIterations(String parameter, int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw ApiException.invalidParameter(parameter, "The KDF iterations must be at least " + MIN_ITERATIONS);
        }
    }

    private synchronized void store(String domain, String clientHash, int iterations, @Nullable String hint) {
        String hash = ScryptHash.create(clientHash, Ids.randomBytes(16)).encode();
        instances.writePrivate(domain, FILE, Json.bytes(new Stored(hash, iterations, hint)));
    }

    private @Nullable Stored read(String domain) {
        byte[] content = instances.readPrivate(domain, FILE).orElse(null);
        if (content == null) {
            return null;
        }
        return Json.read(content, Stored.class);
    }

    /**
     * What a browser sends for a passphrase: base64(PBKDF2-SHA256(PBKDF2-SHA256(passphrase,
     * "me@"+domain, iterations), passphrase, 1)).
     */
    static String clientSideHash(String passphrase, String domainWithoutPort, int iterations) {
        byte[] master = Pbkdf2.sha256(
                passphrase.getBytes(StandardCharsets.UTF_8),
                ("me@" + domainWithoutPort).getBytes(StandardCharsets.UTF_8),
                iterations);
        byte[] hashed = Pbkdf2.sha256(master, passphrase.getBytes(StandardCharsets.UTF_8), 1);
        return Base64.getEncoder().encodeToString(hashed);
    }
}
