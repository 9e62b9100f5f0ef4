package dev.hearth.apps.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppCspTest {

    @Test
    void nestedAppsOverHttpsMayReachOnlyTheirInstanceAndFrameTheirSiblings() {
        String csp = AppCsp.header(true, "alice.example", "alice.example", null);
        assertThat(csp)
                .startsWith("default-src 'self' https://alice.example wss://alice.example;")
                .contains(";frame-src https://*.alice.example 'self' https://alice.example wss://alice.example;")
                .contains(";connect-src blob: 'self' https://alice.example wss://alice.example;")
                .contains(";object-src 'none';")
                .contains(";frame-ancestors 'self';")
                .endsWith(";form-action https://alice.example;")
                .doesNotContain("cozycloud")
                .doesNotContain("http://");
    }

    @Test
    void flatAppsOverHttpWithAPortFrameTheParentsSubdomainsAndAnIntentClientMayFrameTheApp() {
        String csp =
                AppCsp.header(false, "alice.localhost:8080", "localhost:8080", "http://alice-contacts.localhost:8080");
        assertThat(csp)
                .contains("default-src 'self' http://alice.localhost:8080 ws://alice.localhost:8080;")
                .contains("frame-src http://*.localhost:8080 'self'")
                .contains(";frame-ancestors 'self' http://alice-contacts.localhost:8080;");
    }
}
