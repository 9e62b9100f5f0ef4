package dev.hearth.web.internal;

import dev.hearth.auth.AdminPassphrase;
import dev.hearth.auth.BasicCredentials;
import dev.hearth.common.error.StatusException;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpErrors;
import dev.hearth.web.WebConstants;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards every route of the admin endpoint with HTTP Basic: any user name, the admin passphrase
 * as password. No credentials: 401 {@code missing basic auth}; a wrong passphrase: 403 {@code bad
 * passphrase} (as Cozy's admin API). The Web Console has its own context, guarded by its security
 * provider with the same passphrase. {@code GET /status} alone is open, for health probes.
 */
@Component
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect("(|" + WebConstants.ADMIN_SELECT + "(osgi.http.whiteboard.context.name=default))")
@HttpWhiteboardTarget(WebConstants.ADMIN_TARGET)
@ServiceRanking(WebConstants.RANK_AUTH)
public final class AdminAuthFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthFilter.class);
    static final String REGISTRY = "/registry";
    private final AdminPassphrase passphrase;

    @Activate
    public AdminAuthFilter(@Reference AdminPassphrase passphrase) {
        this.passphrase = passphrase;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        if (isStatus(req)) {
            chain.doFilter(request, response);
            return;
        }
        String authorization = req.getHeader("Authorization");
        if (authorization != null && authorization.startsWith("Token ") && isRegistry(req)) {
            chain.doFilter(request, response);
            return;
        }
        BasicCredentials credentials = BasicCredentials.parse(authorization);
        if (credentials == null) {
            resp.setHeader("WWW-Authenticate", "Basic realm=\"Hearth admin\", charset=\"UTF-8\"");
            HttpErrors.write(req, resp, StatusException.unauthorized("missing basic auth"), ErrorStyle.PLAIN);
            return;
        }
        if (!passphrase.verify(credentials.password())) {
            LOG.warn("Wrong admin passphrase from {}", req.getRemoteAddr());
            HttpErrors.write(req, resp, StatusException.forbidden("bad passphrase"), ErrorStyle.PLAIN);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The health report, open to probes: {@code GET} or {@code HEAD /status}, nothing under it. */
    private static boolean isStatus(HttpServletRequest req) {
        return AdminStatusArea.PATH.equals(req.getRequestURI())
                && ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod()));
    }

    /**
     * Whether the request goes to the registry's servlet: the servlet path it was resolved to, not
     * the raw URI, which dot segments could make name another route than the one that answers.
     */
    private static boolean isRegistry(HttpServletRequest req) {
        return REGISTRY.equals(req.getServletPath())
                && !req.getRequestURI().contains("..")
                && !req.getRequestURI().toLowerCase(java.util.Locale.ROOT).contains("%2e");
    }
}
