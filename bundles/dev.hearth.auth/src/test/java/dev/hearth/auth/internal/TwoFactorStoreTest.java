package dev.hearth.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.auth.TwoFactor;
import dev.hearth.common.error.ApiException;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.TestInstances;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoFactorStoreTest {
    private static final String ALICE = "alice.localhost:8080";

    @TempDir
    Path data;

    @Test
    void totpMatchesTheRfc6238Vectors() {
        byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        assertThat(Totp.code(secret, Totp.step(59), 8)).isEqualTo("94287082");
        assertThat(Totp.code(secret, Totp.step(1111111109), 8)).isEqualTo("07081804");
        assertThat(Totp.code(secret, Totp.step(2000000000), 8)).isEqualTo("69279037");
        assertThat(Totp.code(secret, Totp.step(1111111109), 6)).isEqualTo("081804");
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(new String(Totp.unbase32("MZXW6YTBOI"), StandardCharsets.US_ASCII))
                .isEqualTo("foobar");
    }

    @Test
    void enabledOnlyOnceACodeMatchesThenEachCodeWorksOnce() throws Exception {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        InstanceService instances = TestInstances.in(data);
        instances.create(NewInstance.of(ALICE));
        TwoFactorStore store = new TwoFactorStore(instances, Clock.fixed(now, ZoneOffset.UTC));
        TwoFactor.Setup setup = store.begin(ALICE);
        assertThat(setup.otpauthUri())
                .startsWith("otpauth://totp/Hearth%3Aalice.localhost%3A8080?secret=" + setup.secret());
        assertThat(store.isEnabled(ALICE)).isFalse();
        byte[] key = Totp.unbase32(setup.secret());
        String current = Totp.code(key, Totp.step(now.getEpochSecond()), 6);

        assertThatThrownBy(() -> store.confirm(ALICE, "000000".equals(current) ? "111111" : "000000"))
                .isInstanceOf(ApiException.class)
                .hasMessage(TwoFactor.INVALID_CODE);
        List<String> recovery = store.confirm(ALICE, current);
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
        assertThat(store.isEnabled(ALICE)).isTrue();
        assertThat(store.verify(ALICE, current))
                .as("the confirmation code was used")
                .isFalse();

        TwoFactorStore later = new TwoFactorStore(instances, Clock.fixed(now.plusSeconds(30), ZoneOffset.UTC));
        String next = Totp.code(key, Totp.step(now.getEpochSecond() + 30), 6);
        assertThat(later.verify(ALICE, next)).isTrue();
        assertThat(later.verify(ALICE, next)).as("replayed").isFalse();
        assertThat(later.verify(ALICE, recovery.get(3))).isTrue();
        assertThat(later.verify(ALICE, recovery.get(3)))
                .as("recovery codes are single-use")
                .isFalse();
        assertThat(Files.readString(instances.directory(ALICE).resolve(TwoFactorStore.FILE)))
                .doesNotContain(recovery.get(4));

        String token = later.loginToken(ALICE);
        assertThat(later.loginTokenValid(ALICE, token)).isTrue();
        assertThat(later.loginTokenValid(ALICE, token + "x")).isFalse();
        TwoFactorStore tooLate = new TwoFactorStore(instances, Clock.fixed(now.plusSeconds(400), ZoneOffset.UTC));
        assertThat(tooLate.loginTokenValid(ALICE, token)).isFalse();

        later.disable(ALICE, recovery.get(5));
        assertThat(later.isEnabled(ALICE)).isFalse();
    }
}
