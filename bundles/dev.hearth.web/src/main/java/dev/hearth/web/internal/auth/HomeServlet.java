package dev.hearth.web.internal.auth;

import dev.hearth.auth.Passphrases;
import dev.hearth.auth.Sessions;
import dev.hearth.instances.InstanceService;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.Routes;
import dev.hearth.web.WebConstants;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * The default servlet of the public endpoint. At the instance's root: the home page of a
 * logged-in browser, else the login form (or, before the passphrase is chosen, the onboarding
 * form when the register token is in the query). Any path no area owns is a 404 with a body.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
@HttpWhiteboardTarget(WebConstants.PUBLIC_TARGET)
public final class HomeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient InstanceService instances;
    private final transient Sessions sessions;
    private final transient Passphrases passphrases;
    private final transient Routes routes = new Routes(ErrorStyle.PLAIN).get("/", this::home);

    @Activate
    public HomeServlet(@Reference InstanceService instances, @Reference Sessions sessions,
            @Reference Passphrases passphrases) {
        this.instances = instances;
        this.sessions = sessions;
        this.passphrases = passphrases;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        routes.serve(req, resp);
    }

    private void home(Call call) throws IOException {
        String domain = call.context().domain();
        Browser browser = new Browser(call.request(), call.response(), call.context().instance(), instances, sessions);
        String registerToken = call.query("registerToken");
        if (!passphrases.isDefined(domain) && registerToken != null) {
            LoginServlet.seeOther(call.response(), browser.origin() + "/auth/passphrase?registerToken="
                    + java.net.URLEncoder.encode(registerToken, java.nio.charset.StandardCharsets.UTF_8));
        } else if (call.context().session().isEmpty()) {
            LoginServlet.seeOther(call.response(), browser.origin() + "/auth/login");
        } else {
            Pages.render(call.response(), 200, "home", Map.of("domain", domain), "");
        }
    }
}
