package dev.hearth.console.internal;

import dev.hearth.auth.AdminPassphrase;
import dev.hearth.auth.BasicCredentials;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Lets into the Web Console only user {@code admin} with the admin passphrase (HTTP Basic). The
 * console waits for this provider ({@code felix.webconsole.security.providers=hearth}), so its
 * built-in default credentials never apply.
 */
@Component(property = SecurityProvider.PROPERTY_ID + "=hearth")
public final class AdminSecurityProvider implements SecurityProvider {
    static final String USER = "admin";
    private final AdminPassphrase passphrase;

    @Activate
    public AdminSecurityProvider(@Reference AdminPassphrase passphrase) {
        this.passphrase = passphrase;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        BasicCredentials credentials = BasicCredentials.parse(request.getHeader("Authorization"));
        if (credentials != null && USER.equals(credentials.user()) && passphrase.verify(credentials.password())) {
            return USER;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"Hearth administration\", charset=\"UTF-8\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("text/plain;charset=UTF-8");
        try {
            response.getWriter().write("The Hearth console needs user admin and the admin passphrase.\n");
        } catch (IOException e) {
            // the client went away; nothing more to tell it
        }
        return null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return USER.equals(user);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // HTTP Basic has no server-side session to end.
    }
}
