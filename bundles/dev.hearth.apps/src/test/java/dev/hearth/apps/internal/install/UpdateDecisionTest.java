package dev.hearth.apps.internal.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.apps.internal.install.UpdateDecision.Side;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Rule;
import dev.hearth.auth.Verb;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When an update moves the instance, waits for the user, or does nothing. */
class UpdateDecisionTest {
    private static final PermissionSet NOTES = PermissionSet.of(List.of(Rule.of("io.cozy.notes")));
    private static final Side INSTALLED = new Side("1.0.0", "aaa", NOTES);

    @Test
    void aNewVersionWithTheSamePermissionsIsInstalled() {
        Side offered = new Side("1.1.0", "bbb", PermissionSet.of(List.of(Rule.of("io.cozy.notes"))));
        assertThat(UpdateDecision.decide(INSTALLED, offered, false)).isEqualTo(UpdateDecision.UPDATE);
    }

    @Test
    void newPermissionsWaitUntilTheyAreAcknowledged() {
        Side offered = new Side(
                "2.0.0",
                "bbb",
                PermissionSet.of(List.of(Rule.of("io.cozy.notes"), Rule.of("io.cozy.files", Verb.GET))));
        assertThat(UpdateDecision.decide(INSTALLED, offered, false)).isEqualTo(UpdateDecision.AWAIT_PERMISSIONS);
        assertThat(UpdateDecision.decide(INSTALLED, offered, true)).isEqualTo(UpdateDecision.UPDATE);
    }

    @Test
    void fewerOrNarrowerPermissionsAreAChangeToo() {
        Side none = new Side("2.0.0", "bbb", PermissionSet.empty());
        Side readOnly = new Side("2.0.0", "bbb", PermissionSet.of(List.of(Rule.of("io.cozy.notes", Verb.GET))));
        assertThat(UpdateDecision.decide(INSTALLED, none, false)).isEqualTo(UpdateDecision.AWAIT_PERMISSIONS);
        assertThat(UpdateDecision.decide(INSTALLED, readOnly, false)).isEqualTo(UpdateDecision.AWAIT_PERMISSIONS);
    }

    @Test
    void theSameVersionFromTheSameArchiveChangesNothing() {
        Side same = new Side("1.0.0", "aaa", PermissionSet.empty());
        assertThat(UpdateDecision.decide(INSTALLED, same, false))
                .as("even when the grant no longer matches the manifest")
                .isEqualTo(UpdateDecision.UNCHANGED);
        Side unknownChecksum = new Side("1.0.0", "", NOTES);
        assertThat(UpdateDecision.decide(unknownChecksum, new Side("1.0.0", "", NOTES), false))
                .as("an installation without a checksum is updated in place")
                .isEqualTo(UpdateDecision.UPDATE);
    }

    @Test
    void titlesDescriptionsAndOrderDoNotMakeADifferentSet() {
        PermissionSet a = PermissionSet.of(List.of(
                new Rule("io.cozy.notes", Set.of(Verb.GET, Verb.PUT), List.of("x", "y"), null, "notes", "Your notes"),
                Rule.of("io.cozy.files")));
        PermissionSet b = PermissionSet.of(List.of(
                Rule.of("io.cozy.files"),
                new Rule("io.cozy.notes", Set.of(Verb.PUT, Verb.GET), List.of("y", "x"), null, "n", null)));
        assertThat(UpdateDecision.sameRules(a, b)).isTrue();
        PermissionSet otherValues = PermissionSet.of(List.of(
                Rule.of("io.cozy.files"),
                new Rule("io.cozy.notes", Set.of(Verb.PUT, Verb.GET), List.of("y"), null, "n", null)));
        assertThat(UpdateDecision.sameRules(a, otherValues)).isFalse();
        PermissionSet twice = PermissionSet.of(List.of(Rule.of("io.cozy.files"), Rule.of("io.cozy.files")));
        assertThat(UpdateDecision.sameRules(
                        twice, PermissionSet.of(List.of(Rule.of("io.cozy.files"), Rule.of("io.cozy.notes")))))
                .isFalse();
    }
}
