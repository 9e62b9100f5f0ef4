package dev.hearth.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.StatusException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DoctypesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"io.cozy.files", "com.example.things", "github.handle.things_2", "a", "io.cozy.bank.accounts"})
    void acceptsValidNames(String name) {
        assertThat(Doctypes.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                ".io.cozy",
                "io.cozy.",
                "io..cozy",
                "io.Cozy.files",
                "io/cozy",
                "io cozy",
                "io-cozy",
                "io.cozy.*",
                "é.x"
            })
    void refusesInvalidNames(String name) {
        assertThat(Doctypes.isValid(name)).isFalse();
        assertThatThrownBy(() -> Doctypes.checkName(name))
                .isInstanceOfSatisfying(
                        StatusException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessage(name + " is not a valid doctype name");
    }

    @ParameterizedTest
    @CsvSource({
        "io.cozy.bank.*, true",
        "io.cozy.*, false",
        "io.*, false",
        "a.b.c.*, true",
        "io.cozy.files, true",
        "io.cozy.bank*, false",
        "io.cozy..bank.*, false"
    })
    void acceptsWildcardsOfAtLeastThreeDots(String pattern, boolean valid) {
        assertThat(Doctypes.isValidPattern(pattern)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({
        "io.cozy.bank.*, io.cozy.bank, true",
        "io.cozy.bank.*, io.cozy.bank.accounts, true",
        "io.cozy.bank.*, io.cozy.banks, false",
        "io.cozy.files, io.cozy.files.versions, false"
    })
    void matchesWildcards(String pattern, String doctype, boolean matches) {
        assertThat(Doctypes.matches(pattern, doctype)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.cozy.permissions", "io.cozy.sessions", "io.cozy.oauth.clients", "io.cozy.sharings"})
    void someDoctypesCanNeitherBeReadNorWritten(String doctype) {
        assertThatThrownBy(() -> Doctypes.checkReadable(doctype))
                .hasMessage("reserved doctype " + doctype + " unreadable");
        assertThatThrownBy(() -> Doctypes.checkWritable(doctype))
                .hasMessage("reserved doctype " + doctype + " unwritable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.cozy.files", "io.cozy.jobs", "io.cozy.apps", "io.cozy.triggers"})
    void someCanBeReadButNotWritten(String doctype) {
        assertThatCode(() -> Doctypes.checkReadable(doctype)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Doctypes.checkWritable(doctype))
                .hasMessage("reserved doctype " + doctype + " unwritable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.cozy.todos", "com.example.things"})
    void othersAreOpen(String doctype) {
        assertThatCode(() -> Doctypes.checkWritable(doctype)).doesNotThrowAnyException();
    }
}
