package dev.hearth.web.internal;

import dev.hearth.web.WebConstants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * First thing on both endpoints, before a servlet is chosen: puts the request host in the
 * logging context, so every line logged while serving a request names the instance, and logs one
 * line per request, including those no servlet answers.
 */
@Component(configurationPid = WebConfig.PID)
@Designate(ocd = WebConfig.class)
@ServiceRanking(RequestLogPreprocessor.RANK)
public final class RequestLogPreprocessor implements Preprocessor {
    static final int RANK = 3000;
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.hearth.access");

    private final boolean enabled;

    @Activate
    public RequestLogPreprocessor(WebConfig config) {
        this.enabled = config.requestLog();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String host = req.getHeader("Host");
        MDC.put(WebConstants.MDC_DOMAIN, host == null ? "-" : host);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (enabled && ACCESS.isInfoEnabled()) {
                long micros = (System.nanoTime() - start) / 1000;
                ACCESS.info(
                        "{} {} {} {}.{}ms",
                        req.getMethod(),
                        req.getRequestURI(),
                        resp.getStatus(),
                        micros / 1000,
                        (micros % 1000) / 100);
            }
            MDC.remove(WebConstants.MDC_DOMAIN);
        }
    }
}
