package dev.hearth.web.internal;

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
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * Credentialed CORS on the instance API, as Cozy's clients expect: any origin is echoed (the
 * bearer token, not the origin, is what authorizes), and preflights are answered here, before
 * authentication. Off for {@code /auth/*}, whose forms and token endpoint are not for scripts
 * of other origins, and on app hosts, which are not an API.
 */
@Component
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect(WebConstants.INSTANCE_SELECT)
@HttpWhiteboardTarget(WebConstants.PUBLIC_TARGET)
@ServiceRanking(WebConstants.RANK_CORS)
public final class CorsFilter implements Filter {
    static final String METHODS = "GET, HEAD, PUT, PATCH, POST, DELETE";
    static final String MAX_AGE = "43200";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String origin = req.getHeader("Origin");
        if (origin == null || RequestContext.of(req) == null || isAuthPath(req.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        resp.setHeader("Access-Control-Allow-Origin", origin);
        resp.setHeader("Access-Control-Allow-Credentials", "true");
        resp.addHeader("Vary", "Origin");
        if ("OPTIONS".equals(req.getMethod()) && req.getHeader("Access-Control-Request-Method") != null) {
            resp.setHeader("Access-Control-Allow-Methods", METHODS);
            String headers = req.getHeader("Access-Control-Request-Headers");
            if (headers != null) {
                resp.setHeader("Access-Control-Allow-Headers", headers);
            }
            resp.setHeader("Access-Control-Max-Age", MAX_AGE);
            resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        resp.setHeader(
                "Access-Control-Expose-Headers", "Content-Length, Content-Type, ETag, Location, WWW-Authenticate");
        chain.doFilter(request, response);
    }

    static boolean isAuthPath(String path) {
        return path.equals("/auth") || path.startsWith("/auth/");
    }
}
