package dev.hearth.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.apps.AppDTO;
import dev.hearth.apps.AppType;
import dev.hearth.apps.FailedAppDTO;
import dev.hearth.console.internal.AppsOverview.BundleFacts;
import dev.hearth.console.internal.AppsOverview.Row;
import dev.hearth.console.internal.AppsOverview.Use;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Apps page shows is escaped, and each of its forms carries the form token. */
class AppsPageTest {

    private static String render(AppsOverview overview) {
        StringWriter html = new StringWriter();
        new AppsPage(new PrintWriter(html), "f00d").render(overview);
        return html.toString();
    }

    @Test
    void namesAndMessagesAreEscapedAndFormsCarryTheToken() {
        AppDTO app = new AppDTO();
        app.bundleId = 42;
        app.symbolicName = "hearth.app.notes";
        app.slug = "notes";
        app.type = "webapp";
        app.version = "1.0.0<b>";
        FailedAppDTO refused = new FailedAppDTO();
        refused.bundleId = 43;
        refused.symbolicName = "evil";
        refused.reason = FailedAppDTO.INVALID_MANIFEST;
        refused.message = "routes./<script>alert(1)</script>.folder: bad";
        Use use = new Use("alice.localhost", AppType.WEBAPP, "notes", "1.0.0", "ready");
        Use orphan = new Use("bob.localhost", AppType.KONNECTOR, "bank", "2.0.0", "ready");

        String html = render(new AppsOverview(
                List.of(new Row(app, new BundleFacts("1.0.0", "ACTIVE"), List.of(use))),
                List.of(refused),
                List.of(orphan),
                2,
                3));

        assertThat(html)
                .contains("1 app bundle(s) deployed, 1 refused; installations of 2 of 3 instance(s)")
                .contains("hearth.app.notes 1.0.0 (42)", "ACTIVE", "1.0.0&lt;b&gt;")
                .contains("routes./&lt;script&gt;alert(1)&lt;/script&gt;.folder: bad")
                .doesNotContain("<script>", "<b>")
                .contains("data-confirm='Remove notes from alice.localhost?'")
                .contains("Installed apps without a bundle", "bob.localhost 2.0.0 ready");
        int forms = html.split("<form ", -1).length - 1;
        int tokens = html.split("name='token' value='f00d'", -1).length - 1;
        assertThat(forms).isEqualTo(3);
        assertThat(tokens).isEqualTo(forms);
    }

    @Test
    void anEmptyPageHasOnlyTheInstallForm() {
        String html = render(new AppsOverview(List.of(), List.of(), List.of(), 0, 0));
        assertThat(html)
                .contains("0 app bundle(s) deployed, 0 refused")
                .doesNotContain("Refused app bundles", "without a bundle")
                .contains("<input type='hidden' name='action' value='install'>");
    }
}
