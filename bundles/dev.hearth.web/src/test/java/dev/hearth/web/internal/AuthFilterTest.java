package dev.hearth.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuthFilterTest {

    @Test
    void readsABearerToken() {
        assertThat(AuthFilter.token("Bearer abc.def.ghi", null)).isEqualTo("abc.def.ghi");
        assertThat(AuthFilter.token("bearer   abc ", null)).isEqualTo("abc");
        assertThat(AuthFilter.token("Bearer ", null)).isNull();
    }

    @Test
    void readsTheBasicPasswordAsPouchDbSendsIt() {
        String basic = Base64.getEncoder().encodeToString("user:the.token".getBytes(StandardCharsets.UTF_8));
        assertThat(AuthFilter.token("Basic " + basic, null)).isEqualTo("the.token");
        String empty = Base64.getEncoder().encodeToString("user:".getBytes(StandardCharsets.UTF_8));
        assertThat(AuthFilter.token("Basic " + empty, null)).isNull();
        assertThat(AuthFilter.token("Basic %%%", null)).isNull();
        assertThat(AuthFilter.token("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes()), null)).isNull();
    }

    @Test
    void readsTheQueryParameterOnly() {
        assertThat(AuthFilter.token(null, "a=1&bearer_token=x%2Ey&b=2")).isEqualTo("x.y");
        assertThat(AuthFilter.token(null, "bearer_tokens=x")).isNull();
        assertThat(AuthFilter.token(null, null)).isNull();
        assertThat(AuthFilter.token("Bearer header", "bearer_token=query")).isEqualTo("header");
    }

    @Test
    void formatsLatenciesAsGoDoes() {
        assertThat(StatusServlet.formatLatency(152_300)).isEqualTo("152.3µs");
        assertThat(StatusServlet.formatLatency(1_234_000)).isEqualTo("1.2ms");
    }
}
