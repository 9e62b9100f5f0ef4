package dev.hearth.web.internal;

import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.Routes;
import dev.hearth.web.WebConstants;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;

/**
 * {@code GET /version}: {@code {version, build_mode, build_time, runtime_version}} on both
 * endpoints, on any host of the public one (behind the admin passphrase on the admin one).
 */
@Component
@HttpWhiteboardContextSelect("(|" + WebConstants.INSTANCE_SELECT + WebConstants.ADMIN_SELECT + ")")
public final class VersionArea implements HttpArea {
    private final Map<String, String> body = new LinkedHashMap<>();

    @Activate
    public VersionArea(BundleContext context) {
        Bundle bundle = context.getBundle();
        String buildTime = bundle.getHeaders("").get("Hearth-Build-Time");
        body.put("version", bundle.getVersion().toString());
        body.put("build_mode", "production");
        body.put("build_time", buildTime == null ? "" : buildTime);
        body.put("runtime_version", "java" + Runtime.version());
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.PLAIN).anyHost().get("/version", this::version);
    }

    private void version(Call call) throws IOException {
        call.json(200, body);
    }
}
