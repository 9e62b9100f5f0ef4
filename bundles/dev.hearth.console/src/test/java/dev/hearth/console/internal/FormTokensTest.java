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
        assertThat(tokens.check("Basic YWRtaW46c2VjcmV0", token.substring(1) + "0")).isFalse();
        assertThat(new FormTokens().check("Basic YWRtaW46c2VjcmV0", token)).isFalse();
    }

    @Test
    void escapesHtml() {
        assertThat(Html.escape("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    @Test
    void readsBasicCredentials() {
        assertThat(AdminSecurityProvider.credentials("Basic YWRtaW46c2VjcmV0")).containsExactly("admin", "secret");
        assertThat(AdminSecurityProvider.credentials("Bearer x")).isNull();
        assertThat(AdminSecurityProvider.credentials("Basic !!!")).isNull();
        assertThat(AdminSecurityProvider.credentials(null)).isNull();
    }
}
