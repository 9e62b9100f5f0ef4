package dev.hearth.auth;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The audience ({@code aud} claim) of a token: who it was minted for, how long it lives, and which
 * per-instance key signs it.
 */
public enum Audience {
    /** A web app; its permissions come from the app's permission document. */
    APP("app", Duration.ofHours(24)),
    /** A konnector run. */
    KONNECTOR("konn", Duration.ofMinutes(30)),
    /** An OAuth access token. */
    ACCESS("access", Duration.ofDays(7)),
    /** An OAuth refresh token (does not expire). */
    REFRESH("refresh", null),
    /** An OAuth client registration token (does not expire). */
    REGISTRATION("registration", null),
    /** A share-by-link code (does not expire; its permission document may). */
    SHARE("share", null),
    /** A command-line token minted by the admin API. */
    CLI("cli", Duration.ofMinutes(30));

    /** Validity of an {@code app} token that is not bound to a session (used by app services). */
    public static final Duration APP_WITHOUT_SESSION = Duration.ofMinutes(30);

    private final String code;
    private final @Nullable Duration validity;

    Audience(String code, @Nullable Duration validity) {
        this.code = code;
        this.validity = validity;
    }

    /** The value of the {@code aud} claim. */
    public String code() {
        return code;
    }

    /** How long a token lives after its {@code iat}; null when it never expires. */
    public @Nullable Duration validity() {
        return validity;
    }

    /** The audience with this claim value, or null. */
    public static @Nullable Audience ofCode(String code) {
        for (Audience a : values()) {
            if (a.code.equals(code)) {
                return a;
            }
        }
        return null;
    }
}
