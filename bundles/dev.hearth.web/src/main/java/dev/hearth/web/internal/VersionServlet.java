package dev.hearth.web.internal;

import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.Routes;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /version}: {@code {version, build_mode, build_time, runtime_version}} on both
 * endpoints (behind the admin passphrase on the admin one).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/version", "/version/*"})
public final class VersionServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> body = new LinkedHashMap<>();
    private final transient Routes routes = new Routes(ErrorStyle.PLAIN).get("/version", this::version);

    @Activate
    public VersionServlet(BundleContext context) {
        Bundle bundle = context.getBundle();
        String buildTime = bundle.getHeaders("").get("Hearth-Build-Time");
        body.put("version", bundle.getVersion().toString());
        body.put("build_mode", "production");
        body.put("build_time", buildTime == null ? "" : buildTime);
        body.put("runtime_version", "java" + Runtime.version());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        routes.serve(req, resp);
    }

    private void version(Call call) throws IOException {
        call.json(200, body);
    }
}
