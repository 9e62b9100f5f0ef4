package dev.hearth.realtime.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.auth.PermissionSet;
import org.junit.jupiter.api.Test;

/** Who may subscribe to what. */
class SubscribePolicyTest {

    private static boolean allows(String scope, String type, String id) {
        return SubscribePolicy.allows(PermissionSet.parseScope(scope), new Target(type, id));
    }

    @Test
    void aWholeDoctypeNeedsGetOnTheWholeDoctype() {
        assertThat(allows("io.cozy.todos:GET", "io.cozy.todos", null)).isTrue();
        assertThat(allows("io.cozy.todos", "io.cozy.todos", null)).isTrue();
        assertThat(allows("io.cozy.todos:POST", "io.cozy.todos", null)).isFalse();
        assertThat(allows("io.cozy.todos:GET:t1", "io.cozy.todos", null)).isFalse();
        assertThat(allows("io.cozy.todos:GET", "io.cozy.contacts", null)).isFalse();
        assertThat(allows("io.cozy.bank.*:GET", "io.cozy.bank.accounts", null)).isTrue();
    }

    @Test
    void aDocumentNeedsGetOnItOrOnItsDoctype() {
        assertThat(allows("io.cozy.todos:GET:t1,t2", "io.cozy.todos", "t2")).isTrue();
        assertThat(allows("io.cozy.todos:GET:t1", "io.cozy.todos", "t3")).isFalse();
        assertThat(allows("io.cozy.todos:GET", "io.cozy.todos", "t3")).isTrue();
        assertThat(allows("io.cozy.todos:GET:work:tag", "io.cozy.todos", "work"))
                .isFalse();
    }

    @Test
    void someSyntheticDoctypesAreSpecial() {
        assertThat(allows("io.cozy.todos:GET", "io.cozy.sharings.initial_sync", null))
                .isTrue();
        assertThat(allows("io.cozy.todos:GET", "io.cozy.auth.confirmations", "x"))
                .isTrue();
        assertThat(allows("io.cozy.files:GET", "io.cozy.files.thumbnails", null))
                .isTrue();
        assertThat(allows("io.cozy.files:GET:f1", "io.cozy.files.thumbnails", "f1"))
                .isTrue();
        assertThat(allows("io.cozy.files.thumbnails:GET", "io.cozy.files.thumbnails", null))
                .isFalse();
        assertThat(allows("io.cozy.files:GET", "io.cozy.notes.events", "n1")).isTrue();
        assertThat(allows("io.cozy.todos:GET", "io.cozy.notes.events", null)).isFalse();
        assertThat(allows(
                        "io.cozy.settings:GET:io.cozy.settings.instance",
                        "io.cozy.settings",
                        "io.cozy.settings.passphrase"))
                .isTrue();
        assertThat(allows("io.cozy.settings:GET:io.cozy.settings.instance", "io.cozy.settings", "other"))
                .isFalse();
    }
}
