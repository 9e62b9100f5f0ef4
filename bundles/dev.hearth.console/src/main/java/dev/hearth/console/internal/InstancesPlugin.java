package dev.hearth.console.internal;

import dev.hearth.common.text.Html;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The console page "Hearth / Instances": lists instances, creates one, deletes one. Forms carry a
 * token derived from the caller's credentials, so another site cannot post them on the admin's
 * behalf. After a form, the browser is redirected to the page with a one-time key under which the
 * outcome waits on the server ({@link ResultNotes}): the outcome of a creation holds the
 * onboarding token, which must not appear in a URL or a log.
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + InstancesPlugin.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Instances",
            ServletConstants.PLUGIN_CATEGORY + "=Hearth"
        })
public final class InstancesPlugin extends AbstractServlet {
    static final String LABEL = "hearth-instances";
    /** The query parameter with the key of a form's outcome. */
    static final String RESULT = "result";

    private static final long serialVersionUID = 1L;

    private final transient InstanceService instances;
    private final transient InstanceActions actions;
    private final transient FormTokens tokens = new FormTokens();
    private final transient ResultNotes results = new ResultNotes();

    @Activate
    public InstancesPlugin(@Reference InstanceService instances) {
        this.instances = instances;
        this.actions = new InstanceActions(instances);
    }

    @Override
    public void renderContent(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String token = tokens.issue(req.getHeader("Authorization"));
        PrintWriter out = resp.getWriter();
        String key = req.getParameter(RESULT);
        if (key != null) {
            results.take(token, key).ifPresent(m -> out.println("<p class='statline'>" + Html.escape(m) + "</p>"));
        }
        out.println("<p class='statline'>" + instances.count() + " instance(s), app subdomains "
                + instances.subdomainMode().name().toLowerCase(Locale.ROOT) + "</p>");
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
        String message = actions.perform(
                req.getParameter("action"),
                req.getParameter("domain"),
                req.getParameter("locale"),
                req.getParameter("email"));
        String key = results.put(tokens.issue(req.getHeader("Authorization")), message);
        String root = (String) req.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        resp.sendRedirect(resultLocation(root == null ? LABEL : root, key));
    }

    /** Where the browser goes after a form: the page, with only the key of the outcome. */
    static String resultLocation(String pageRoot, String key) {
        return pageRoot + "?" + RESULT + "=" + key;
    }
}
