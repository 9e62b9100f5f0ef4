package dev.hearth.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void readsABearerToken() {
        assertThat(Tokens.of("Bearer abc.def.ghi", null)).isEqualTo("abc.def.ghi");
        assertThat(Tokens.of("bearer   abc ", null)).isEqualTo("abc");
        assertThat(Tokens.of("Bearer ", null)).isNull();
    }

    @Test
    void readsTheBasicPasswordAsPouchDbSendsIt() {
        String basic = Base64.getEncoder().encodeToString("user:the.token".getBytes(StandardCharsets.UTF_8));
        assertThat(Tokens.of("Basic " + basic, null)).isEqualTo("the.token");
        String empty = Base64.getEncoder().encodeToString("user:".getBytes(StandardCharsets.UTF_8));
        assertThat(Tokens.of("Basic " + empty, null)).isNull();
        assertThat(Tokens.of("Basic %%%", null)).isNull();
        assertThat(Tokens.of("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes()), null))
                .isNull();
    }

    @Test
    void readsTheQueryParameterOnly() {
        assertThat(Tokens.of(null, "a=1&bearer_token=x%2Ey&b=2")).isEqualTo("x.y");
        assertThat(Tokens.of(null, "bearer_tokens=x")).isNull();
        assertThat(Tokens.of(null, null)).isNull();
        assertThat(Tokens.of("Bearer header", "bearer_token=query")).isEqualTo("header");
    }

    @Test
    void formatsLatenciesAsGoDoes() {
        assertThat(HealthReport.formatLatency(152_300)).isEqualTo("152.3µs");
        assertThat(HealthReport.formatLatency(1_234_000)).isEqualTo("1.2ms");
    }
}
