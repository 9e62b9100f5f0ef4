package dev.hearth.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    @Test
    void parsesBasicHeaders() {
        assertThat(BasicCredentials.parse("Basic " + b64("admin:s3:cret")))
                .isEqualTo(new BasicCredentials("admin", "s3:cret"));
        assertThat(BasicCredentials.parse("basic " + b64(":token"))).isEqualTo(new BasicCredentials("", "token"));
        assertThat(BasicCredentials.parse("Bearer x")).isNull();
        assertThat(BasicCredentials.parse("Basic !!!")).isNull();
        assertThat(BasicCredentials.parse("Basic " + b64("nocolon"))).isNull();
        assertThat(BasicCredentials.parse(null)).isNull();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
