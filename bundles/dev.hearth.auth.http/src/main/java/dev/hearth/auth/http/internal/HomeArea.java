package dev.hearth.auth.http.internal;

import dev.hearth.auth.Passphrases;
import dev.hearth.auth.Sessions;
import dev.hearth.instances.InstanceService;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.Routes;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The default route of instance hosts. At the instance's root: the home page of a
 * logged-in browser, else the login form (or, before the passphrase is chosen, the onboarding
 * form when the register token is in the query). Any path no area owns is a 404 with a body.
 */
@Component
@OnInstanceHosts
public final class HomeArea implements HttpArea {

    private final InstanceService instances;
    private final Sessions sessions;
    private final Passphrases passphrases;

    @Activate
    public HomeArea(
            @Reference InstanceService instances, @Reference Sessions sessions, @Reference Passphrases passphrases) {
        this.instances = instances;
        this.sessions = sessions;
        this.passphrases = passphrases;
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.PLAIN).get("/", this::home);
    }

    private void home(Call call) throws IOException {
        String domain = call.context().domain();
        Browser browser = new Browser(call, instances, sessions);
        String registerToken = call.query("registerToken");
        if (!passphrases.isDefined(domain) && registerToken != null) {
            call.seeOther(browser.origin() + "/auth/passphrase?registerToken="
                    + URLEncoder.encode(registerToken, StandardCharsets.UTF_8));
        } else if (call.context().session().isEmpty()) {
            call.seeOther(browser.origin() + "/auth/login");
        } else {
            Pages.render(call.response(), 200, "home", Map.of("domain", domain), "");
        }
    }
}
