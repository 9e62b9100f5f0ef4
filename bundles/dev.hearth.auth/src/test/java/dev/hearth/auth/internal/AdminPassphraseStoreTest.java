package dev.hearth.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminPassphraseStoreTest {
    @TempDir
    Path data;

    @Test
    void generatesAPassphraseOnFirstStartAndKeepsOnlyItsHash() throws Exception {
        AdminPassphraseStore store = new AdminPassphraseStore(data, null);
        assertThat(store.verify("wrong")).isFalse();
        Path plain = data.resolve(AdminPassphraseStore.PLAIN_FILE);
        String generated = Files.readString(plain).trim();
        assertThat(generated).hasSizeGreaterThanOrEqualTo(24);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)))
                .isEqualTo("rw-------");
        String hash = Files.readString(data.resolve(AdminPassphraseStore.HASH_FILE));
        assertThat(hash).startsWith("scrypt$32768$8$1$").doesNotContain(generated);
        assertThat(store.verify(generated)).isTrue();
        assertThat(store.verify(generated)).isTrue();

        AdminPassphraseStore restarted = new AdminPassphraseStore(data, null);
        assertThat(restarted.verify(generated)).isTrue();
        assertThat(Files.readString(plain).trim()).isEqualTo(generated);
    }

    @Test
    void theEnvironmentSetsThePassphraseAndOverridesTheStoredOne() throws Exception {
        AdminPassphraseStore generated = new AdminPassphraseStore(data, null);
        assertThat(generated.verify("not it")).isFalse(); // waits for the background generation
        String stored =
                Files.readString(data.resolve(AdminPassphraseStore.PLAIN_FILE)).trim();
        assertThat(generated.verify(stored)).isTrue();

        AdminPassphraseStore fromEnv = new AdminPassphraseStore(data, "correct horse battery staple");
        assertThat(fromEnv.verify("correct horse battery staple")).isTrue();
        assertThat(fromEnv.verify(stored)).isFalse();
        assertThat(fromEnv.verify("admin")).isFalse();

        AdminPassphraseStore withoutEnv = new AdminPassphraseStore(data, null);
        assertThat(withoutEnv.verify(stored)).isTrue();
        assertThat(withoutEnv.verify("correct horse battery staple")).isFalse();
    }

    @Test
    void withTheEnvironmentNothingIsWritten() {
        AdminPassphraseStore fromEnv = new AdminPassphraseStore(data, "s3cret");
        assertThat(fromEnv.verify("s3cret")).isTrue();
        assertThat(data.resolve(AdminPassphraseStore.PLAIN_FILE)).doesNotExist();
        assertThat(data.resolve(AdminPassphraseStore.HASH_FILE)).doesNotExist();
    }

    @Test
    void scryptHashesRoundTrip() {
        ScryptHash hash = ScryptHash.create("secret", new byte[16]);
        ScryptHash decoded = ScryptHash.decode(hash.encode());
        assertThat(decoded.matches("secret")).isTrue();
        assertThat(decoded.matches("Secret")).isFalse();
    }
}
