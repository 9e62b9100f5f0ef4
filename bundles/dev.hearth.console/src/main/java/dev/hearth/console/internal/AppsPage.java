package dev.hearth.console.internal;

import static dev.hearth.common.text.Html.escape;

import dev.hearth.apps.AppType;
import dev.hearth.apps.FailedAppDTO;
import dev.hearth.console.internal.AppsOverview.Row;
import dev.hearth.console.internal.AppsOverview.Use;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * The HTML of the Apps page. Everything that comes from an app or an instance (names, versions,
 * the extender's messages, which quote manifests) is escaped; every form carries the caller's
 * form token.
 */
final class AppsPage {
    private final PrintWriter out;
    private final String token;

    AppsPage(PrintWriter out, String token) {
        this.out = out;
        this.token = token;
    }

    void render(AppsOverview overview) {
        out.println("<p class='statline'>" + overview.bundles().size() + " app bundle(s) deployed, "
                + overview.refused().size() + " refused; installations of " + overview.instancesRead() + " of "
                + overview.instancesTotal() + " instance(s)</p>");
        deployed(overview);
        refused(overview);
        orphans(overview);
        installForm();
    }

    private void deployed(AppsOverview overview) {
        out.println("<h2>App bundles</h2><table class='tablelayout nicetable'><thead><tr><th>Slug</th><th>Type</th>"
                + "<th>Version</th><th>Bundle</th><th>State</th><th>Instances</th></tr></thead><tbody>");
        for (Row row : overview.bundles()) {
            out.println("<tr><td>" + escape(row.app().slug) + "</td><td>" + escape(row.app().type) + "</td><td>"
                    + escape(row.app().version) + "</td><td>" + escape(row.app().symbolicName) + " "
                    + escape(row.bundle().version()) + " (" + row.app().bundleId + ")</td><td>"
                    + escape(row.bundle().state()) + "</td><td>");
            row.uses().forEach(this::use);
            out.println("</td></tr>");
        }
        out.println("</tbody></table>");
    }

    private void refused(AppsOverview overview) {
        if (overview.refused().isEmpty()) {
            return;
        }
        out.println("<h2>Refused app bundles</h2><table class='tablelayout nicetable'><thead><tr><th>Bundle</th>"
                + "<th>Symbolic name</th><th>Slug</th><th>Reason</th><th>Message</th></tr></thead><tbody>");
        for (FailedAppDTO f : overview.refused()) {
            out.println("<tr><td>" + f.bundleId + "</td><td>" + escape(f.symbolicName) + "</td><td>"
                    + escape(Objects.requireNonNullElse(f.slug, "")) + "</td><td>" + escape(f.reason) + "</td><td>"
                    + escape(f.message) + "</td></tr>");
        }
        out.println("</tbody></table>");
    }

    private void orphans(AppsOverview overview) {
        if (overview.orphans().isEmpty()) {
            return;
        }
        out.println("<h2>Installed apps without a bundle</h2><table class='tablelayout nicetable'><thead><tr>"
                + "<th>Slug</th><th>Type</th><th>Instance</th></tr></thead><tbody>");
        for (Use use : overview.orphans()) {
            out.println("<tr><td>" + escape(use.slug()) + "</td><td>"
                    + escape(use.type().value()) + "</td><td>");
            use(use);
            out.println("</td></tr>");
        }
        out.println("</tbody></table>");
    }

    /** An instance that installed the app, with the form that removes the app from it. */
    private void use(Use use) {
        String question = "Remove " + use.slug() + " from " + use.domain() + "?";
        out.println("<form method='post' style='display:block' data-confirm='" + escape(question)
                + "' onsubmit='return confirm(this.dataset.confirm)'>" + escape(use.domain()) + " "
                + escape(use.version()) + " " + escape(use.state()) + " "
                + hidden("action", "remove") + hidden("domain", use.domain())
                + hidden("type", use.type().value())
                + hidden("slug", use.slug()) + hidden("token", token) + "<button type='submit'>Remove</button></form>");
    }

    private void installForm() {
        out.println("<h2>Install an app on an instance</h2><form method='post'>" + hidden("action", "install")
                + hidden("token", token)
                + "<label>Instance <input name='domain' required placeholder='alice.example.com'></label> "
                + "<label>Type <select name='type'><option value='" + AppType.WEBAPP.value() + "'>web app</option>"
                + "<option value='" + AppType.KONNECTOR.value() + "'>konnector</option></select></label> "
                + "<label>Slug <input name='slug' required pattern='[a-z0-9-]+' size='16'></label> "
                + "<label>Archive on the server <input name='path' required size='40'"
                + " placeholder='/srv/hearth/apps/notes-1.0.0.tar.gz'></label> "
                + "<button type='submit'>Install</button></form>");
    }

    private static String hidden(String name, String value) {
        return "<input type='hidden' name='" + name + "' value='" + escape(value) + "'>";
    }
}
