package dev.hearth.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The server administrator's passphrase, which guards the admin API and the console. Only a
 * memory-hard hash of it is stored.
 */
@ProviderType
public interface AdminPassphrase {

    /** Whether {@code candidate} is the admin passphrase; slow on purpose for wrong guesses. */
    boolean verify(String candidate);
}
