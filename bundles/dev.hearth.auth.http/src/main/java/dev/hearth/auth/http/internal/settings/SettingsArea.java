package dev.hearth.auth.http.internal.settings;

import dev.hearth.auth.LoginThrottle;
import dev.hearth.auth.OAuthClients;
import dev.hearth.auth.Passphrases;
import dev.hearth.auth.Sessions;
import dev.hearth.auth.TwoFactor;
import dev.hearth.instances.InstanceService;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.Routes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /settings}: the user's account (passphrase, hint, two-factor authentication, sessions,
 * OAuth clients) and the instance's settings document and read-only settings.
 */
@Component
@OnInstanceHosts
public final class SettingsArea implements HttpArea {
    private final AccountRoutes account;
    private final InstanceSettingsRoutes instance;

    @Activate
    public SettingsArea(
            @Reference InstanceService instances,
            @Reference Sessions sessions,
            @Reference Passphrases passphrases,
            @Reference OAuthClients clients,
            @Reference TwoFactor twoFactor,
            @Reference LoginThrottle throttle) {
        this.account = new AccountRoutes(instances, sessions, passphrases, clients, twoFactor, throttle);
        this.instance = new InstanceSettingsRoutes(instances);
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.JSON_API)
                .get("/settings/passphrase", account::passphraseParams)
                .post("/settings/passphrase", account::register)
                .put("/settings/passphrase", account::changePassphrase)
                .get("/settings/hint", account::hint)
                .put("/settings/hint", account::setHint)
                .get("/settings/sessions", account::listSessions)
                .get("/settings/twofactor", account::twoFactorState)
                .post("/settings/twofactor", account::beginTwoFactor)
                .post("/settings/twofactor/confirm", account::confirmTwoFactor)
                .delete("/settings/twofactor", account::disableTwoFactor)
                .get("/settings/clients", account::listClients)
                .delete("/settings/clients/:id", account::deleteClient)
                .get("/settings/instance", instance::show)
                .put("/settings/instance", instance::update)
                .get("/settings/capabilities", instance::capabilities)
                .get("/settings/context", instance::context)
                .get("/settings/flags", instance::flags);
    }
}
