package dev.hearth.web.internal;

import dev.hearth.instances.HostMatch;
import dev.hearth.instances.InstanceService;
import dev.hearth.web.MovedInstances;
import dev.hearth.web.WebConstants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * Resolves the {@code Host} header of every public request, before the whiteboard picks a
 * servlet: an instance's host gets its {@link dev.hearth.web.RequestContext} and the API's
 * security headers; an app's host is also steered into the {@link WebConstants#APP_CONTEXT app
 * context}, whose whiteboard path is {@value #APP_PATH} (the whiteboard resolves servlets by path
 * only, so the request is dispatched under that prefix while its URI stays the client's); any
 * other host is marked unknown, which only routes declared for any host answer.
 */
@Component(configurationPid = WebConfig.PID)
@HttpWhiteboardTarget(WebConstants.PUBLIC_TARGET)
@ServiceRanking(HostPreprocessor.RANK)
public final class HostPreprocessor implements Preprocessor {
    /** Runs after the request log. */
    static final int RANK = 2000;
    /** The whiteboard path of the app context. */
    public static final String APP_PATH = "/.hearth-app";
    /** Request attribute set on requests whose host designates nothing. */
    public static final String UNKNOWN_HOST = "dev.hearth.web.unknownHost";

    static final String API_CSP = "default-src 'none'; frame-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final InstanceService instances;
    private final String hsts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile @Nullable MovedInstances moved;

    @Activate
    public HostPreprocessor(@Reference InstanceService instances, WebConfig config) {
        this.instances = instances;
        this.hsts = config.hstsMaxAge() > 0 ? "max-age=" + config.hstsMaxAge() + "; includeSubDomains" : null;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        Optional<HostMatch> match = instances.resolveHost(req.getHeader("Host"));
        if (match.isEmpty()) {
            addApiHeaders(req, (HttpServletResponse) response);
            req.setAttribute(UNKNOWN_HOST, Boolean.TRUE);
            chain.doFilter(request, response);
            return;
        }
        if (BlockedGate.applies(req, match.get().instance())) {
            addApiHeaders(req, (HttpServletResponse) response);
            BlockedGate.refuse((HttpServletResponse) response, match.get().instance(), moved);
            return;
        }
        req.setAttribute(WebConstants.CONTEXT_ATTRIBUTE, new RequestContextImpl(match.get()));
        if (match.get().isApp()) {
            chain.doFilter(new AppPath(req), response);
        } else {
            addApiHeaders(req, (HttpServletResponse) response);
            chain.doFilter(request, response);
        }
    }

    /** The first headers of the answer: added, not set, as none is there yet (a set scans them). */
    private void addApiHeaders(HttpServletRequest req, HttpServletResponse resp) {
        resp.addHeader("Content-Security-Policy", API_CSP);
        resp.addHeader("X-Content-Type-Options", "nosniff");
        resp.addHeader("Referrer-Policy", "no-referrer");
        if (hsts != null && req.isSecure()) {
            resp.addHeader("Strict-Transport-Security", hsts);
        }
    }

    /** The request of an app host, dispatched under the app context's path. */
    private static final class AppPath extends HttpServletRequestWrapper {
        AppPath(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getServletPath() {
            return APP_PATH;
        }

        @Override
        public String getPathInfo() {
            String servletPath = super.getServletPath();
            String info = super.getPathInfo();
            String path = (servletPath == null ? "" : servletPath) + (info == null ? "" : info);
            return path.isEmpty() ? "/" : path;
        }
    }
}
