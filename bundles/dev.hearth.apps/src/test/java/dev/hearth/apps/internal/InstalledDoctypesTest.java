package dev.hearth.apps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.apps.AppType;
import dev.hearth.apps.DoctypeContribution;
import dev.hearth.auth.PermissionSet;
import org.junit.jupiter.api.Test;

/** The doctypes the data API lists for an instance: those of the apps it has installed. */
class InstalledDoctypesTest {
    private final DoctypeRegistryImpl registry = new DoctypeRegistryImpl();
    private final FakeInstallations installations = new FakeInstallations();
    private final InstalledDoctypes doctypes = new InstalledDoctypes(registry, installations);

    private void deploy(String slug, AppType type, String scope) {
        registry.addContribution(new DoctypeContribution(slug, type, PermissionSet.parseScope(scope)));
    }

    @Test
    void anInstanceSeesTheDoctypesOfItsOwnAppsOnlyWithoutWildcards() {
        deploy("notes", AppType.WEBAPP, "io.cozy.notes io.cozy.files:GET");
        deploy("drive", AppType.WEBAPP, "io.cozy.files io.cozy.photos.albums");
        deploy("bank", AppType.KONNECTOR, "io.cozy.bank.* io.cozy.bank.accounts:POST");
        installations
                .add("alice.localhost", AppType.WEBAPP, "notes")
                .add("alice.localhost", AppType.KONNECTOR, "bank")
                .add("bob.localhost", AppType.WEBAPP, "drive");

        assertThat(doctypes.doctypes("alice.localhost"))
                .containsExactly("io.cozy.bank.accounts", "io.cozy.files", "io.cozy.notes");
        assertThat(doctypes.doctypes("bob.localhost")).containsExactly("io.cozy.files", "io.cozy.photos.albums");
        assertThat(doctypes.doctypes("carol.localhost")).isEmpty();
    }

    @Test
    void anAppCountsByItsTypeAndOnlyWhileItIsDeployed() {
        DoctypeContribution notes =
                new DoctypeContribution("notes", AppType.WEBAPP, PermissionSet.parseScope("io.cozy.notes"));
        registry.addContribution(notes);
        installations.add("alice.localhost", AppType.KONNECTOR, "notes");
        assertThat(doctypes.doctypes("alice.localhost"))
                .as("a konnector of the same slug")
                .isEmpty();

        installations.add("alice.localhost", AppType.WEBAPP, "notes");
        assertThat(doctypes.doctypes("alice.localhost")).containsExactly("io.cozy.notes");
        registry.removeContribution(notes);
        assertThat(doctypes.doctypes("alice.localhost")).isEmpty();
    }
}
