package dev.hearth.web.internal;

import dev.hearth.auth.Authenticator;
import dev.hearth.auth.BasicCredentials;
import dev.hearth.auth.Sessions;
import dev.hearth.auth.Shares;
import dev.hearth.web.RequestContext;
import dev.hearth.web.WebConstants;
import dev.hearth.web.internal.auth.Cookies;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * Attaches the caller to every instance request that carries a token: {@code Authorization:
 * Bearer}, the password of HTTP Basic (as PouchDB sends it), or {@code ?bearer_token=}; and the
 * browser session its cookie names. Both are checked when a route first asks for them, so
 * routes that need neither never fail on a stale one.
 */
@Component
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardTarget(WebConstants.PUBLIC_TARGET)
@ServiceRanking(WebConstants.RANK_AUTH)
public final class AuthFilter implements Filter {
    private final Authenticator authenticator;
    private final Sessions sessions;
    private final Shares shares;

    @Activate
    public AuthFilter(@Reference Authenticator authenticator, @Reference Sessions sessions, @Reference Shares shares) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.shares = shares;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        RequestContext context = RequestContext.of(req);
        if (context != null) {
            String token = token(req);
            if (token != null) {
                String domain = context.domain();
                context.attachToken(() -> SharePasswords.check(shares, authenticator.authenticate(domain, token),
                        name -> Cookies.get(req, name)));
            }
            String cookie = req.getHeader("Cookie") == null ? null
                    : Cookies.get(req, sessions.cookieName(context.domain()));
            if (cookie != null) {
                String domain = context.domain();
                context.attachSession(() -> sessions.fromCookie(domain, cookie));
            }
        }
        chain.doFilter(request, response);
    }

    /** The token of a request, or null. */
    public static String token(HttpServletRequest req) {
        return token(req.getHeader("Authorization"), req.getQueryString());
    }

    /** The token carried by an {@code Authorization} header or a query string, or null. */
    static String token(String header, String query) {
        if (header != null) {
            if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return blankToNull(header.substring(7).trim());
            }
            BasicCredentials basic = BasicCredentials.parse(header);
            if (basic != null) {
                return blankToNull(basic.password());
            }
        }
        return blankToNull(queryParameter(query, "bearer_token"));
    }

    /** Reads one parameter from the query string only, never from a form body. */
    static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
