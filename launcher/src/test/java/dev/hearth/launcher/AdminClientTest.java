package dev.hearth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminClientTest {

    @Test
    void readsTheMessageOfEveryErrorFormat() {
        assertThat(
                        AdminClient.errorMessage(
                                "{\"errors\":[{\"status\":\"409\",\"title\":\"Conflict\",\"detail\":\"Instance already exists\"}]}"))
                .isEqualTo("Instance already exists");
        assertThat(AdminClient.errorMessage("{\"error\":\"bad passphrase\"}")).isEqualTo("bad passphrase");
        assertThat(AdminClient.errorMessage("plain text\n")).isEqualTo("plain text");
        assertThat(AdminClient.errorMessage("")).isEqualTo("no details");
    }

    @Test
    void encodesPathSegments() {
        assertThat(AdminClient.encode("alice.localhost:8080")).isEqualTo("alice.localhost%3A8080");
        assertThat(AdminClient.encode("a b")).isEqualTo("a%20b");
    }

    @Test
    void theCommandLineParsesAndRefusesUnknownCommands() {
        assertThat(Main.run("--version")).isZero();
        assertThat(Main.run("no-such-command")).isEqualTo(2);
        assertThat(Main.run("serve", "--subdomains", "deep", "--http-port", "x"))
                .isEqualTo(2);
    }
}
