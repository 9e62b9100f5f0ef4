package dev.hearth.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OAuthServerImplTest {

    @Test
    void theS256ChallengeIsTheOneOfRfc7636() {
        assertThat(OAuthServerImpl.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void verifiersOutsideTheRfcLengthsMatchNoChallenge() {
        assertThat(OAuthServerImpl.s256(null)).isEmpty();
        assertThat(OAuthServerImpl.s256("short")).isEmpty();
        assertThat(OAuthServerImpl.s256("x".repeat(129))).isEmpty();
    }
}
