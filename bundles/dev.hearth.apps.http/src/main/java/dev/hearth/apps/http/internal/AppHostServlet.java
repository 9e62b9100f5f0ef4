package dev.hearth.apps.http.internal;

import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppResource;
import dev.hearth.apps.AppType;
import dev.hearth.apps.DeployedApp;
import dev.hearth.apps.InstallState;
import dev.hearth.apps.Installation;
import dev.hearth.apps.Intents;
import dev.hearth.auth.TokenService;
import dev.hearth.common.error.StatusException;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.SubdomainMode;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpErrors;
import dev.hearth.web.OnAppHosts;
import dev.hearth.web.RequestContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Every request to an app's host ({@code notes.alice.example}): the app's files from its bundle,
 * its {@code index.html} rendered with an app token, the login page first when a private route is
 * asked without a session, and the app's Content-Security-Policy on every answer. An app answers
 * only on instances where it is installed and ready, in the version the instance's document names.
 */
@Component(service = Servlet.class)
@OnAppHosts
@HttpWhiteboardServletPattern("/*")
public final class AppHostServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String NOT_INSTALLED = "Application is not installed";
    static final String NOT_READY = "Application is not ready";
    /** Policies kept built; past that many instances, the cache starts over. */
    private static final int MAX_POLICIES = 4096;

    private final transient DeployedApps apps;
    private final transient AppInstallations installations;
    private final transient InstanceService instances;
    private final transient Intents intents;
    private final transient AppPage page;
    private final transient AppAssets assets = new AppAssets();
    /** The CSP of each instance's app hosts (without an intent's framing client), built once. */
    private final transient Map<String, String> policies = new ConcurrentHashMap<>();

    @Activate
    public AppHostServlet(
            @Reference DeployedApps apps,
            @Reference AppInstallations installations,
            @Reference InstanceService instances,
            @Reference Intents intents,
            @Reference TokenService tokens) {
        this.apps = apps;
        this.installations = installations;
        this.instances = instances;
        this.intents = intents;
        this.page = new AppPage(tokens);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        RequestContext context = RequestContext.of(req);
        try {
            if (context == null || context.appSlug() == null) {
                throw StatusException.notFound(NOT_INSTALLED);
            }
            headers(req, resp, context.instance(), context.appSlug());
            serve(req, resp, context);
        } catch (Throwable e) {
            HttpErrors.write(req, resp, e, ErrorStyle.PLAIN);
        }
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, RequestContext context) throws IOException {
        String method = req.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            resp.setHeader("Allow", "GET, HEAD");
            throw new StatusException(405, "Method Not Allowed");
        }
        String slug = context.appSlug();
        Installation installed = installations
                .find(context.domain(), AppType.WEBAPP, slug)
                .orElseThrow(() -> StatusException.notFound(NOT_INSTALLED));
        if (installed.state() != InstallState.READY) {
            throw new StatusException(503, NOT_READY);
        }
        // The version this instance uses: other instances may use others, deployed beside it.
        DeployedApp app = apps.webapp(slug, installed.version()).orElseThrow(() -> new StatusException(503, NOT_READY));
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        AppRoutes route = AppRoutes.find(app.manifest().routes(), path);
        if (route == null) {
            throw StatusException.notFound("Page not found");
        }
        boolean loggedIn = context.session().isPresent();
        if (!route.route().isPublic() && !loggedIn) {
            if (!route.isIndex()) {
                throw StatusException.unauthorized("You must be authenticated");
            }
            resp.setStatus(302);
            resp.setHeader("Location", loginUrl(req, context.instance()));
            return;
        }
        AppResource file = app.resource(route.resourcePath())
                .orElseThrow(() -> StatusException.notFound(route.isIndex() ? "Page not found" : "Asset not found"));
        if (route.isIndex()) {
            page.write(resp, app.manifest(), file, context.instance(), instances.subdomainMode(), context.session());
        } else {
            assets.write(req, resp, file);
        }
    }

    /** The instance's login page, which sends the browser back here once logged in. */
    private static String loginUrl(HttpServletRequest req, Instance instance) {
        String here = req.getScheme() + "://" + req.getHeader("Host") + req.getRequestURI()
                + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
        return req.getScheme() + "://" + instance.domain() + "/auth/login?redirect="
                + URLEncoder.encode(here, StandardCharsets.UTF_8);
    }

    /**
     * The app's CSP, which lets the client app of an intent ({@code ?intent=<id>}) frame this app
     * when this app serves the intent, as cozy-stack does.
     */
    private void headers(HttpServletRequest req, HttpServletResponse resp, Instance instance, String slug) {
        // Parameters are parsed only when the query can name an intent: parsing them on every
        // asset request showed in its profile.
        String query = req.getQueryString();
        String intent = query == null || !query.contains("intent") ? null : req.getParameter("intent");
        String client = intent == null
                ? null
                : intents.clientOrigin(instance.domain(), intent, slug, req.isSecure())
                        .orElse(null);
        String siblings =
                instances.subdomainMode() == SubdomainMode.FLAT ? parent(instance.domain()) : instance.domain();
        resp.setHeader("Content-Security-Policy", policy(req.isSecure(), instance.domain(), siblings, client));
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "same-origin");
    }

    private String policy(boolean secure, String domain, @Nullable String siblings, @Nullable String client) {
        if (client != null) {
            return AppCsp.header(secure, domain, siblings, client);
        }
        String key = (secure ? "s " : "p ") + domain + " " + siblings;
        String known = policies.get(key);
        if (known != null) {
            return known;
        }
        if (policies.size() >= MAX_POLICIES) {
            policies.clear();
        }
        String built = AppCsp.header(secure, domain, siblings, null);
        policies.put(key, built);
        return built;
    }

    private static @Nullable String parent(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? null : host.substring(dot + 1);
    }
}
