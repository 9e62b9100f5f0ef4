package dev.hearth.web.internal.admin;

import dev.hearth.auth.AdminPassphrase;
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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards every route of the admin endpoint with HTTP Basic: any user name, the admin passphrase
 * as password. No credentials: 401 {@code missing basic auth}; a wrong passphrase: 403 {@code bad
 * passphrase} (as Cozy's admin API).
 */
@Component
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardTarget(WebConstants.ADMIN_TARGET)
@ServiceRanking(WebConstants.RANK_AUTH)
public final class AdminAuthFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthFilter.class);
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
        String password = basicPassword(req.getHeader("Authorization"));
        if (password == null) {
            resp.setHeader("WWW-Authenticate", "Basic realm=\"Hearth admin\", charset=\"UTF-8\"");
            HttpErrors.write(req, resp, StatusException.unauthorized("missing basic auth"), ErrorStyle.PLAIN);
            return;
        }
        if (!passphrase.verify(password)) {
            LOG.warn("Wrong admin passphrase from {}", req.getRemoteAddr());
            HttpErrors.write(req, resp, StatusException.forbidden("bad passphrase"), ErrorStyle.PLAIN);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The password of a Basic {@code Authorization} header, or null. */
    static String basicPassword(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
