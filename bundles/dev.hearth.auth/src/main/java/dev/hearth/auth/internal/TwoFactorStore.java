package dev.hearth.auth.internal;

import dev.hearth.auth.TwoFactor;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import dev.hearth.instances.InstanceService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link TwoFactor} in {@code <instance>/twofactor.json} (owner-only): the secret, a pending
 * secret during setup, SHA-256 hashes of the unused recovery codes (random enough that a fast
 * hash is enough), and the last accepted time step, so that a code works once.
 */
@Component
public final class TwoFactorStore implements TwoFactor {
    static final String FILE = "twofactor.json";
    private static final int RECOVERY_CODES = 10;
    private static final int DIGITS = 6;
    private static final Duration LOGIN_TOKEN_VALIDITY = Duration.ofMinutes(5);

    /** The content of the file. */
    record State(@Nullable String secret, @Nullable String pending, List<String> recovery, long lastStep) {}

    private final InstanceService instances;
    private final Clock clock;

    @Activate
    public TwoFactorStore(@Reference InstanceService instances) {
        this(instances, Clock.systemUTC());
    }

    TwoFactorStore(InstanceService instances, Clock clock) {
        this.instances = instances;
        this.clock = clock;
    }

    @Override
    public boolean isEnabled(String domain) {
        return read(domain).secret() != null;
    }

    @Override
    public synchronized Setup begin(String domain) {
        State state = read(domain);
        String secret = Totp.base32(Ids.randomBytes(20));
        write(domain, new State(state.secret(), secret, state.recovery(), state.lastStep()));
        String label = URLEncoder.encode("Hearth:" + instances.get(domain).domain(), StandardCharsets.UTF_8)
                .replace("+", "%20");
        return new Setup(
                secret,
                "otpauth://totp/" + label + "?secret=" + secret + "&issuer=Hearth&algorithm=SHA1&digits=" + DIGITS
                        + "&period=" + Totp.STEP_SECONDS);
    }

    @Override
    public synchronized List<String> confirm(String domain, String code) {
        State state = read(domain);
        if (state.pending() == null) {
            throw ApiException.badRequest("No two-factor setup is pending");
        }
        long step = matchingStep(state.pending(), code, -1);
        if (step < 0) {
            throw ApiException.invalidParameter("passcode", INVALID_CODE);
        }
        List<String> codes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = Ids.randomHex(5);
            codes.add(recovery);
            hashes.add(sha256(recovery));
        }
        write(domain, new State(state.pending(), null, hashes, step));
        return codes;
    }

    @Override
    public synchronized boolean verify(String domain, String code) {
        State state = read(domain);
        if (state.secret() == null || code == null) {
            return false;
        }
        String trimmed = code.trim().replace(" ", "");
        long step = matchingStep(state.secret(), trimmed, state.lastStep());
        if (step >= 0) {
            write(domain, new State(state.secret(), state.pending(), state.recovery(), step));
            return true;
        }
        String hash = sha256(trimmed.toLowerCase());
        if (state.recovery().contains(hash)) {
            List<String> left = new ArrayList<>(state.recovery());
            left.remove(hash);
            write(domain, new State(state.secret(), state.pending(), left, state.lastStep()));
            return true;
        }
        return false;
    }

    @Override
    public String loginToken(String domain) {
        long expires = clock.instant().plus(LOGIN_TOKEN_VALIDITY).getEpochSecond();
        return expires + "." + loginMac(domain, expires);
    }

    @Override
    public boolean loginTokenValid(String domain, String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long expires;
        try {
            expires = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        return expires > clock.instant().getEpochSecond()
                && MessageDigest.isEqual(
                        token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII),
                        loginMac(domain, expires).getBytes(StandardCharsets.US_ASCII));
    }

    private String loginMac(String domain, long expires) {
        return Digests.hmacBase64Url(instances.secrets(domain).session(), "two-factor\n" + domain + "\n" + expires);
    }

    @Override
    public synchronized void disable(String domain, String code) {
        if (!verify(domain, code)) {
            throw ApiException.invalidParameter("passcode", INVALID_CODE);
        }
        instances.deletePrivate(domain, FILE);
    }

    /**
     * The step (now, or one either side for clock drift) after {@code after} whose code is
     * {@code code}; else -1.
     */
    private long matchingStep(String secret, String code, long after) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return -1;
        }
        byte[] key = Totp.unbase32(secret);
        long now = Totp.step(clock.instant().getEpochSecond());
        for (long step = now - 1; step <= now + 1; step++) {
            if (step > after
                    && MessageDigest.isEqual(
                            Totp.code(key, step, DIGITS).getBytes(StandardCharsets.US_ASCII),
                            code.getBytes(StandardCharsets.US_ASCII))) {
                return step;
            }
        }
        return -1;
    }

    private State read(String domain) {
        byte[] content = instances.readPrivate(domain, FILE).orElse(null);
        if (content == null) {
            return new State(null, null, List.of(), -1);
        }
        return Json.read(content, State.class);
    }

    private void write(String domain, State state) {
        instances.writePrivate(domain, FILE, Json.bytes(state));
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(Digests.sha256(text));
    }
}
