package dev.hearth.apps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hearth.apps.AppType;
import dev.hearth.apps.DoctypeContribution;
import dev.hearth.apps.DoctypeRegistry.Declaration;
import dev.hearth.apps.DoctypeRegistry.Doctype;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctypeRegistryImplTest {
    private final DoctypeRegistryImpl registry = new DoctypeRegistryImpl();

    private static DoctypeContribution contribution(String slug, AppType type, String scope) {
        return new DoctypeContribution(slug, type, PermissionSet.parseScope(scope));
    }

    @Test
    void doctypesAreListedByNameWithTheAppsThatDeclareThem() {
        registry.addContribution(contribution("notes", AppType.WEBAPP, "io.cozy.notes io.cozy.files:GET"));
        registry.addContribution(contribution("drive", AppType.WEBAPP, "io.cozy.files"));
        registry.addContribution(contribution("bank", AppType.KONNECTOR, "io.cozy.bank.* io.cozy.files:POST"));

        assertThat(registry.doctypes())
                .extracting(Doctype::name)
                .containsExactly("io.cozy.bank.*", "io.cozy.files", "io.cozy.notes");
        Doctype files = registry.doctypes().get(1);
        assertThat(files.slugs()).containsExactly("bank", "drive", "notes");
        assertThat(files.declarations())
                .extracting(Declaration::slug, Declaration::type, d -> d.rule().verbsString())
                .containsExactly(
                        tuple("bank", AppType.KONNECTOR, "POST"),
                        tuple("drive", AppType.WEBAPP, "ALL"),
                        tuple("notes", AppType.WEBAPP, "GET"));
    }

    @Test
    void oneDoctypeIsCoveredByItsNameOrAWildcard() {
        registry.addContribution(contribution("bank", AppType.KONNECTOR, "io.cozy.bank.*"));
        registry.addContribution(contribution("budget", AppType.WEBAPP, "io.cozy.bank.operations:GET"));

        Doctype operations = registry.doctype("io.cozy.bank.operations").orElseThrow();
        assertThat(operations.name()).isEqualTo("io.cozy.bank.operations");
        assertThat(operations.slugs()).containsExactly("bank", "budget");
        assertThat(registry.doctype("io.cozy.bank").orElseThrow().slugs()).containsExactly("bank");
        assertThat(registry.doctype("io.cozy.banks")).isEmpty();
        assertThat(registry.doctype("io.cozy.files")).isEmpty();
    }

    @Test
    void anAppThatLeavesTakesItsDeclarationsAndOnlyThose() {
        DoctypeContribution first = contribution("notes", AppType.WEBAPP, "io.cozy.notes");
        DoctypeContribution equal = contribution("notes", AppType.WEBAPP, "io.cozy.notes");
        registry.addContribution(first);
        registry.addContribution(equal);
        registry.addContribution(contribution("todo", AppType.WEBAPP, "io.cozy.todos"));

        registry.removeContribution(first);
        assertThat(registry.doctype("io.cozy.notes").orElseThrow().declarations())
                .hasSize(1);
        registry.removeContribution(equal);
        assertThat(registry.doctypes()).extracting(Doctype::name).containsExactly("io.cozy.todos");
    }

    @Test
    void theVersionsOfAnAppDeployedSideBySideDeclareEachRuleOnce() {
        registry.addContribution(contribution("notes", AppType.WEBAPP, "io.cozy.notes"));
        registry.addContribution(contribution("notes", AppType.WEBAPP, "io.cozy.notes io.cozy.files:GET"));

        assertThat(registry.doctype("io.cozy.notes").orElseThrow().declarations())
                .hasSize(1);
        assertThat(registry.doctypes()).extracting(Doctype::name).containsExactly("io.cozy.files", "io.cozy.notes");
    }

    @Test
    void aContributionListsTheDoctypesOfItsRules() {
        DoctypeContribution c = new DoctypeContribution(
                "notes",
                AppType.WEBAPP,
                PermissionSet.of(
                        List.of(Rule.of("io.cozy.notes"), Rule.of("io.cozy.files"), Rule.of("io.cozy.notes"))));
        assertThat(c.doctypes()).containsExactly("io.cozy.files", "io.cozy.notes");
        assertThat(contribution("x", AppType.WEBAPP, "io.cozy.todos").doctypes())
                .containsExactly("io.cozy.todos");
    }
}
