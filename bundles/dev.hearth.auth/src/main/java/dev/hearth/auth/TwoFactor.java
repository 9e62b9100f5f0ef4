package dev.hearth.auth;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Two-factor authentication with an authenticator app (TOTP, RFC 6238: HMAC-SHA1, six digits,
 * thirty-second steps). It is enabled in two steps, so that a secret the user could not scan
 * never locks them out: {@link #begin} gives the secret, {@link #confirm} turns it on once a code
 * from the app matches, and gives ten single-use recovery codes.
 */
@ProviderType
public interface TwoFactor {
    /** The message of a wrong or reused code. */
    String INVALID_CODE = "Invalid two-factor code";

    /** The secret to enter in an authenticator app, raw and as an {@code otpauth://} URI. */
    record Setup(String secret, String otpauthUri) {}

    boolean isEnabled(String domain);

    /** Draws a new pending secret (replacing any earlier pending one). */
    Setup begin(String domain);

    /**
     * Enables two-factor authentication if {@code code} matches the pending secret.
     *
     * @return the recovery codes, shown once
     * @throws dev.hearth.common.error.ApiException 422 {@value #INVALID_CODE}, 400 when nothing is pending
     */
    List<String> confirm(String domain, String code);

    /**
     * Checks a code at login: a current TOTP code (each accepted once) or an unused recovery
     * code, which it uses up.
     */
    boolean verify(String domain, String code);

    /**
     * A token proving that the passphrase was right, valid five minutes: what the second step
     * of a login carries between the two forms.
     */
    String loginToken(String domain);

    boolean loginTokenValid(String domain, String token);

    /**
     * Turns two-factor authentication off, given a valid code.
     *
     * @throws dev.hearth.common.error.ApiException 422 {@value #INVALID_CODE}
     */
    void disable(String domain, String code);
}
