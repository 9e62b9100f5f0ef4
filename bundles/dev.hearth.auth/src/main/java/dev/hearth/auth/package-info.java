/**
 * Passphrases, sessions, login throttling, the OAuth 2 server, tokens, permission rules and sets,
 * and the admin passphrase.
 */
@Export
@Version("1.2.0")
@NullMarked
package dev.hearth.auth;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
