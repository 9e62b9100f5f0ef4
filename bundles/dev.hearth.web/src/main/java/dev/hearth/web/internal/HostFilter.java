package dev.hearth.web.internal;

import dev.hearth.common.error.StatusException;
import dev.hearth.instances.HostMatch;
import dev.hearth.instances.InstanceService;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpErrors;
import dev.hearth.web.RequestContext;
import dev.hearth.web.WebConstants;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * Resolves the {@code Host} header of every public request to an instance, or to an app of an
 * instance, and attaches it as the {@link RequestContext}. Server-wide routes ({@code /status},
 * {@code /version}) answer on any host; any other request to an unknown host gets 404 {@code
 * Instance not found}. API responses carry the security headers of the Cozy API.
 */
@Component(configurationPid = WebConfig.PID)
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardTarget(WebConstants.PUBLIC_TARGET)
@ServiceRanking(WebConstants.RANK_HOST)
public final class HostFilter implements Filter {
    static final String API_CSP = "default-src 'none'; frame-src 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final Set<String> SERVER_ROUTES = Set.of("/status", "/version");

    private final InstanceService instances;
    private final String hsts;

    @Activate
    public HostFilter(@Reference InstanceService instances, WebConfig config) {
        this.instances = instances;
        this.hsts = config.hstsMaxAge() > 0 ? "max-age=" + config.hstsMaxAge() + "; includeSubDomains" : null;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        Optional<HostMatch> match = instances.resolveHost(req.getHeader("Host"));
        if (match.isPresent() && match.get().isApp()) {
            // Apps are served by the apps feature; until one is installed, none is.
            HttpErrors.write(req, resp, StatusException.notFound("Application is not installed"), ErrorStyle.PLAIN);
            return;
        }
        addApiHeaders(req, resp);
        if (match.isPresent()) {
            req.setAttribute(WebConstants.CONTEXT_ATTRIBUTE, new RequestContext(match.get()));
        } else if (!isServerRoute(req)) {
            HttpErrors.write(req, resp, StatusException.notFound("Instance not found"), ErrorStyle.PLAIN);
            return;
        }
        chain.doFilter(request, response);
    }

    private void addApiHeaders(HttpServletRequest req, HttpServletResponse resp) {
        resp.setHeader("Content-Security-Policy", API_CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (hsts != null && req.isSecure()) {
            resp.setHeader("Strict-Transport-Security", hsts);
        }
    }

    private static boolean isServerRoute(HttpServletRequest req) {
        String path = req.getRequestURI();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return SERVER_ROUTES.contains(path);
    }
}
