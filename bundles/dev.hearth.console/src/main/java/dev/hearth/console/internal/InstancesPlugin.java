package dev.hearth.console.internal;

import dev.hearth.common.error.HearthException;
import dev.hearth.common.text.Html;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.NewInstance;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console page "Hearth / Instances": lists instances, creates one, deletes one. Forms carry a
 * token derived from the caller's credentials, so another site cannot post them on the admin's
 * behalf.
 */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + InstancesPlugin.LABEL,
    ServletConstants.PLUGIN_TITLE + "=Instances",
    ServletConstants.PLUGIN_CATEGORY + "=Hearth"
})
public final class InstancesPlugin extends AbstractServlet {
    static final String LABEL = "hearth-instances";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(InstancesPlugin.class);

    private final transient InstanceService instances;
    private final transient FormTokens tokens = new FormTokens();

    @Activate
    public InstancesPlugin(@Reference InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public void renderContent(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String token = tokens.issue(req.getHeader("Authorization"));
        PrintWriter out = resp.getWriter();
        String message = req.getParameter("message");
        if (message != null) {
            out.println("<p class='statline'>" + Html.escape(message) + "</p>");
        }
        out.println("<p class='statline'>" + instances.count() + " instance(s), app subdomains "
                + instances.subdomainMode().name().toLowerCase(java.util.Locale.ROOT) + "</p>");
        out.println("<table class='tablelayout nicetable'><thead><tr><th>Domain</th><th>Locale</th>"
                + "<th>Email</th><th>Onboarded</th><th>Blocked</th><th>Created</th><th></th></tr></thead><tbody>");
        for (Instance i : instances.list()) {
            out.println("<tr><td>" + Html.escape(i.domain()) + "</td><td>" + Html.escape(i.locale()) + "</td><td>"
                    + Html.escape(i.email() == null ? "" : i.email()) + "</td><td>" + i.onboardingFinished()
                    + "</td><td>" + i.blocked() + "</td><td>" + Html.escape(i.createdAt()) + "</td><td>"
                    + "<form method='post' onsubmit=\"return confirm('Delete " + Html.escape(i.domain())
                    + " and all its data?')\"><input type='hidden' name='action' value='delete'>"
                    + "<input type='hidden' name='domain' value='" + Html.escape(i.domain()) + "'>"
                    + "<input type='hidden' name='token' value='" + token + "'>"
                    + "<button type='submit'>Delete</button></form></td></tr>");
        }
        out.println("</tbody></table>");
        out.println("<h2>Create an instance</h2><form method='post'>"
                + "<input type='hidden' name='action' value='create'><input type='hidden' name='token' value='" + token
                + "'><label>Domain <input name='domain' required placeholder='alice.example.com'></label> "
                + "<label>Email <input name='email' type='email'></label> "
                + "<label>Locale <input name='locale' size='5' value='en'></label> "
                + "<button type='submit'>Create</button></form>");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!tokens.check(req.getHeader("Authorization"), req.getParameter("token"))) {
            resp.sendError(HttpServletResponse.SC_FORBIDDEN, "Invalid form token");
            return;
        }
        String domain = req.getParameter("domain");
        String message;
        try {
            message = switch (String.valueOf(req.getParameter("action"))) {
                case "create" -> {
                    Instance created = instances.create(NewInstance.builder(domain)
                            .locale(blank(req.getParameter("locale"))).email(blank(req.getParameter("email"))).build());
                    yield "Created " + created.domain() + "; onboarding token " + created.registerToken();
                }
                case "delete" -> {
                    instances.destroy(domain);
                    yield "Deleted " + domain;
                }
                default -> "Unknown action";
            };
        } catch (HearthException e) {
            message = "Failed: " + e.getMessage();
        }
        LOG.info("Console: {}", message);
        String root = (String) req.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        resp.sendRedirect((root == null ? LABEL : root) + "?message=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
