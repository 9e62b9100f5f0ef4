package dev.hearth.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormTokensTest {

    @Test
    void aTokenIsValidOnlyForTheCredentialsItWasIssuedFor() {
        FormTokens tokens = new FormTokens();
        String token = tokens.issue("Basic YWRtaW46c2VjcmV0");
        assertThat(tokens.check("Basic YWRtaW46c2VjcmV0", token)).isTrue();
        assertThat(tokens.check("Basic b3RoZXI6c2VjcmV0", token)).isFalse();
        assertThat(tokens.check("Basic YWRtaW46c2VjcmV0", null)).isFalse();
        assertThat(tokens.check("Basic YWRtaW46c2VjcmV0", token.substring(1) + "0"))
                .isFalse();
        assertThat(new FormTokens().check("Basic YWRtaW46c2VjcmV0", token)).isFalse();
    }
}
