package dev.hearth.web.internal;

import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnAdminEndpoint;
import dev.hearth.web.Routes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /status} on the admin endpoint, for a load balancer or a service manager: the same
 * report as the public one, and the only admin route that needs no passphrase (it names checks,
 * nothing of any instance).
 */
@Component
@OnAdminEndpoint
public final class AdminStatusArea implements HttpArea {
    static final String PATH = "/status";

    private final HealthReport report;

    @Activate
    public AdminStatusArea(@Reference HealthReport report) {
        this.report = report;
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.PLAIN).get(PATH, call -> StatusArea.send(report, call));
    }
}
