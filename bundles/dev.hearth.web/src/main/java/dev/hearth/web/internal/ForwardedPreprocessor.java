package dev.hearth.web.internal;

import dev.hearth.web.WebConstants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * Runs first on the public endpoint: when the peer is one of the configured trusted proxies, the
 * request is seen from then on as the proxy describes it (client address for throttling and logs,
 * {@code https} for cookies, redirects and HSTS, the original host). From any other peer the
 * forwarding headers are ignored.
 */
@Component(configurationPid = WebConfig.PID)
@HttpWhiteboardTarget(WebConstants.PUBLIC_TARGET)
@ServiceRanking(ForwardedPreprocessor.RANK)
public final class ForwardedPreprocessor implements Preprocessor {
    /** Before the request log, so that it logs the client's address. */
    static final int RANK = 4000;

    private final TrustedProxies proxies;

    @Activate
    public ForwardedPreprocessor(WebConfig config) {
        this.proxies = TrustedProxies.parse(config.trustedProxies());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        if (proxies.isEmpty() || !proxies.trusts(req.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new Forwarded(req, ForwardedHeaders.of(req, proxies)), response);
    }

    /** A request as the trusted proxy in front of Hearth received it. */
    static final class Forwarded extends HttpServletRequestWrapper {
        private final ForwardedHeaders said;

        Forwarded(HttpServletRequest request, ForwardedHeaders said) {
            super(request);
            this.said = said;
        }

        @Override
        public String getRemoteAddr() {
            return said.client();
        }

        @Override
        public String getRemoteHost() {
            return said.client();
        }

        @Override
        public String getScheme() {
            return said.scheme() == null ? super.getScheme() : said.scheme();
        }

        @Override
        public boolean isSecure() {
            return said.scheme() == null ? super.isSecure() : said.scheme().equals("https");
        }

        @Override
        public String getServerName() {
            if (said.host() == null) {
                return super.getServerName();
            }
            int colon = said.host().lastIndexOf(':');
            return colon > said.host().lastIndexOf(']') ? said.host().substring(0, colon) : said.host();
        }

        @Override
        public int getServerPort() {
            return said.port() < 0 ? super.getServerPort() : said.port();
        }

        @Override
        public String getHeader(String name) {
            return isHost(name) ? said.host() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isHost(name) ? Collections.enumeration(List.of(said.host())) : super.getHeaders(name);
        }

        @Override
        public StringBuffer getRequestURL() {
            String host = getHeader("Host");
            return new StringBuffer(getScheme()).append("://").append(host).append(getRequestURI());
        }

        private boolean isHost(String name) {
            return said.host() != null && "Host".equalsIgnoreCase(name);
        }
    }
}
