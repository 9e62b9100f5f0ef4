package dev.hearth.console.internal;

import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppRuntime;
import dev.hearth.common.text.Html;
import dev.hearth.console.internal.AppsOverview.BundleFacts;
import dev.hearth.instances.InstanceService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The console page "Hearth / Apps": the app bundles (deployed, with the instances that installed
 * each, and refused, with why), and forms to install an app on an instance from an archive on the
 * server or to remove it. Forms carry a token derived from the caller's credentials and their
 * outcome waits on the server under a one-time key, as on the Instances page.
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + AppsPlugin.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Apps",
            ServletConstants.PLUGIN_CATEGORY + "=Hearth"
        })
public final class AppsPlugin extends AbstractServlet {
    static final String LABEL = "hearth-apps";

    private static final long serialVersionUID = 1L;

    private final transient AppRuntime runtime;
    private final transient AppInstallations installations;
    private final transient InstanceService instances;
    private final transient BundleContext context;
    private final transient AppActions actions;
    private final transient FormTokens tokens = new FormTokens();
    private final transient ResultNotes results = new ResultNotes();

    @Activate
    public AppsPlugin(
            @Reference AppRuntime runtime,
            @Reference AppInstallations installations,
            @Reference InstanceService instances,
            BundleContext context) {
        this.runtime = runtime;
        this.installations = installations;
        this.instances = instances;
        this.context = context;
        this.actions = new AppActions(installations);
    }

    @Override
    public void renderContent(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String token = tokens.issue(req.getHeader("Authorization"));
        PrintWriter out = resp.getWriter();
        String key = req.getParameter(InstancesPlugin.RESULT);
        if (key != null) {
            results.take(token, key).ifPresent(m -> out.println("<p class='statline'>" + Html.escape(m) + "</p>"));
        }
        new AppsPage(out, token).render(AppsOverview.read(runtime, installations, instances, this::facts));
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
                req.getParameter("type"),
                req.getParameter("slug"),
                req.getParameter("path"));
        String key = results.put(tokens.issue(req.getHeader("Authorization")), message);
        String root = (String) req.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        resp.sendRedirect(InstancesPlugin.resultLocation(root == null ? LABEL : root, key));
    }

    /** The version and state of a bundle, or a dash for a bundle gone since the runtime was read. */
    private BundleFacts facts(long bundleId) {
        Bundle bundle = context.getBundle(bundleId);
        return bundle == null
                ? new BundleFacts("-", "UNINSTALLED")
                : new BundleFacts(bundle.getVersion().toString(), state(bundle.getState()));
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
