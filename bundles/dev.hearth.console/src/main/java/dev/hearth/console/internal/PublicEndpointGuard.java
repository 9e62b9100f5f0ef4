package dev.hearth.console.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * Keeps the Web Console off the public endpoint. The console is told to use the admin endpoint
 * only by a configuration, which reaches it a moment after it starts; until then it registers on
 * every endpoint. This filter answers 404 for the console's context on the public endpoint.
 */
@Component
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=org.apache.felix.webconsole)")
@HttpWhiteboardTarget("(org.apache.felix.http.name=public)")
public final class PublicEndpointGuard implements Filter {
    private static final byte[] NOT_FOUND = "{\"error\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException {
        HttpServletResponse resp = (HttpServletResponse) response;
        resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
        resp.setContentType("application/json");
        resp.setContentLength(NOT_FOUND.length);
        resp.getOutputStream().write(NOT_FOUND);
    }
}
