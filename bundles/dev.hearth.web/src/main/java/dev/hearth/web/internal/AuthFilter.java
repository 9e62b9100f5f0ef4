package dev.hearth.web.internal;

import dev.hearth.auth.Authenticator;
import dev.hearth.auth.Sessions;
import dev.hearth.web.Cookies;
import dev.hearth.web.RequestContext;
import dev.hearth.web.WebConstants;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * Tells the {@link RequestContext} of every instance or app request how to find its caller: the
 * token it carries ({@link Tokens}), and the browser session its cookie names. Both are checked
 * when a route first asks for them, so routes that need neither never fail on a stale one.
 */
@Component
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect("(|" + WebConstants.INSTANCE_SELECT + WebConstants.APP_SELECT + ")")
@HttpWhiteboardTarget(WebConstants.PUBLIC_TARGET)
@ServiceRanking(WebConstants.RANK_AUTH)
public final class AuthFilter implements Filter {
    private final Authenticator authenticator;
    private final Sessions sessions;

    @Activate
    public AuthFilter(@Reference Authenticator authenticator, @Reference Sessions sessions) {
        this.authenticator = authenticator;
        this.sessions = sessions;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        if (RequestContext.of(req) instanceof RequestContextImpl context) {
            String domain = context.domain();
            String token = Tokens.of(req.getHeader("Authorization"), req.getQueryString());
            if (token != null) {
                context.attachToken(() -> authenticator.authenticate(domain, token, name -> Cookies.get(req, name)));
            }
            String cookie = req.getHeader("Cookie") == null ? null : Cookies.get(req, sessions.cookieName(domain));
            if (cookie != null) {
                context.attachSession(() -> sessions.fromCookie(domain, cookie));
            }
        }
        chain.doFilter(request, response);
    }
}
