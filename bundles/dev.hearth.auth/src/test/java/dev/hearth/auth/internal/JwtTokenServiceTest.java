package dev.hearth.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.auth.Audience;
import dev.hearth.auth.Claims;
import dev.hearth.common.error.StatusException;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.TestInstances;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwtTokenServiceTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String ALICE = "alice.localhost:8080";
    private static final String BOB = "bob.localhost:8080";

    @TempDir
    Path data;

    private JwtTokenService tokens;
    private InstanceService instances;

    @BeforeEach
    void setUp() throws Exception {
        instances = TestInstances.in(data);
        instances.create(NewInstance.of(ALICE));
        instances.create(NewInstance.of(BOB));
        tokens = new JwtTokenService(instances, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @EnumSource(Audience.class)
    void verifiesWhatItMinted(Audience audience) {
        String token = tokens.mint(ALICE, audience, "subject", "io.cozy.files:GET", "sess", NOW.minusSeconds(60));
        Claims claims = tokens.verify(ALICE, token);
        assertThat(claims)
                .isEqualTo(new Claims(audience, ALICE, "subject", NOW.minusSeconds(60), "io.cozy.files:GET", "sess"));
        assertThat(header(token)).contains("\"alg\":\"HS512\"");
    }

    @Test
    void aMintedTokenIsAStandardHs512TokenOfCozysClaims() throws Exception {
        String token = tokens.mint(ALICE, Audience.APP, "notes", "", "sess", NOW);
        com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(token);
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.MACVerifier(
                        instances.secrets(ALICE).session())))
                .isTrue();
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload)
                .isEqualTo("{\"aud\":\"app\",\"iss\":\"" + ALICE + "\",\"iat\":" + NOW.getEpochSecond()
                        + ",\"sub\":\"notes\",\"session_id\":\"sess\"}");
        assertThat(tokens.mint(ALICE, Audience.APP, "notes", "", "sess", NOW)).isEqualTo(token);
    }

    @Test
    void refusesATokenOfAnotherInstance() {
        String token = tokens.mint(BOB, Audience.CLI, "", "io.cozy.files", null, NOW);
        assertInvalid(ALICE, token);
    }

    @Test
    void refusesATamperedPayload() {
        String token = tokens.mint(ALICE, Audience.CLI, "", "io.cozy.files:GET", null, NOW);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("io.cozy.files:GET", "io.cozy.files");
        String forged = parts[0] + "." + b64(payload) + "." + parts[2];
        assertInvalid(ALICE, forged);
    }

    @Test
    void refusesAlgNoneAndOtherAlgorithms() {
        String payload = "{\"aud\":[\"cli\"],\"iss\":\"" + ALICE + "\",\"iat\":" + NOW.getEpochSecond()
                + ",\"scope\":\"io.cozy.files\"}";
        assertInvalid(ALICE, b64("{\"alg\":\"none\"}") + "." + b64(payload) + ".");
        assertInvalid(ALICE, b64("{\"alg\":\"none\"}") + "." + b64(payload));
        String hs256 = b64("{\"alg\":\"HS256\"}") + "." + b64(payload) + "." + b64("sig");
        assertInvalid(ALICE, hs256);
    }

    @Test
    void aTokenIsBoundToItsAudienceKey() {
        String cli = tokens.mint(ALICE, Audience.CLI, "", "io.cozy.files", null, NOW);
        String[] parts = cli.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"cli\"", "\"access\"");
        assertInvalid(ALICE, parts[0] + "." + b64(payload) + "." + parts[2]);
    }

    @Test
    void refusesGarbage() {
        assertInvalid(ALICE, "");
        assertInvalid(ALICE, "not-a-jwt");
        assertInvalid(ALICE, "a.b.c");
        assertInvalid("unknown.localhost", tokens.mint(ALICE, Audience.CLI, "", "", null, NOW));
    }

    @Test
    void expiresByAudience() {
        assertExpired(Audience.CLI, Duration.ofMinutes(31));
        assertThat(tokens.verify(
                        ALICE, tokens.mint(ALICE, Audience.CLI, "", "", null, NOW.minus(Duration.ofMinutes(29)))))
                .isNotNull();
        assertExpired(Audience.KONNECTOR, Duration.ofMinutes(31));
        assertExpired(Audience.ACCESS, Duration.ofDays(8));
        String appWithSession = tokens.mint(ALICE, Audience.APP, "drive", "", "s1", NOW.minus(Duration.ofHours(23)));
        assertThat(tokens.verify(ALICE, appWithSession).subject()).isEqualTo("drive");
        String appWithoutSession = tokens.mint(ALICE, Audience.APP, "drive", "", null, NOW.minus(Duration.ofHours(1)));
        assertThatThrownBy(() -> tokens.verify(ALICE, appWithoutSession)).hasMessage("Expired token");
        String refresh = tokens.mint(ALICE, Audience.REFRESH, "client", "", null, NOW.minus(Duration.ofDays(3650)));
        assertThat(tokens.verify(ALICE, refresh).audience()).isEqualTo(Audience.REFRESH);
    }

    private void assertExpired(Audience audience, Duration age) {
        String token = tokens.mint(ALICE, audience, "s", "", null, NOW.minus(age));
        assertThatThrownBy(() -> tokens.verify(ALICE, token))
                .isInstanceOfSatisfying(
                        StatusException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("Expired token");
    }

    private void assertInvalid(String domain, String token) {
        assertThatThrownBy(() -> tokens.verify(domain, token))
                .isInstanceOfSatisfying(
                        StatusException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("Invalid JWT token");
    }

    private static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
