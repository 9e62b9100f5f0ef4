package dev.hearth.web.internal;

import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.Routes;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /status} on the public endpoint, on any host: 200 when every health check passes,
 * else 502, with each check's result ({@link HealthReport}).
 */
@Component
@OnInstanceHosts
public final class StatusArea implements HttpArea {
    private final HealthReport report;

    @Activate
    public StatusArea(@Reference HealthReport report) {
        this.report = report;
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.PLAIN).anyHost().get("/status", call -> send(report, call));
    }

    static void send(HealthReport report, Call call) throws IOException {
        HealthReport.Result result = report.run();
        call.response().setHeader("Cache-Control", "no-cache");
        call.json(result.healthy() ? 200 : 502, result.body());
    }
}
