package dev.hearth.test.web;

import dev.hearth.auth.AppPermissions;
import dev.hearth.auth.Authenticator;
import dev.hearth.auth.LoginThrottle;
import dev.hearth.auth.OAuthClients;
import dev.hearth.auth.OAuthServer;
import dev.hearth.auth.Passphrases;
import dev.hearth.auth.Sessions;
import dev.hearth.auth.Shares;
import dev.hearth.auth.TokenService;
import dev.hearth.auth.TwoFactor;
import dev.hearth.auth.internal.AppPermissionStore;
import dev.hearth.auth.internal.AuthenticatorImpl;
import dev.hearth.auth.internal.JwtTokenService;
import dev.hearth.auth.internal.LoginThrottleImpl;
import dev.hearth.auth.internal.OAuthClientStore;
import dev.hearth.auth.internal.OAuthServerImpl;
import dev.hearth.auth.internal.PassphraseStore;
import dev.hearth.auth.internal.SessionStore;
import dev.hearth.auth.internal.ShareStore;
import dev.hearth.auth.internal.TwoFactorStore;
import dev.hearth.datasystem.DataService;
import dev.hearth.instances.InstanceService;
import dev.hearth.test.Configs;

/**
 * The auth bundle's real services over an instance registry and its document stores, wired as
 * Declarative Services wires them in the server.
 */
public record TestAuth(
        TokenService tokens,
        Sessions sessions,
        Shares shares,
        OAuthClients clients,
        OAuthServer oauth,
        Passphrases passphrases,
        TwoFactor twoFactor,
        LoginThrottle throttle,
        AppPermissions grants,
        Authenticator authenticator) {

    public static TestAuth over(InstanceService instances, DataService data) {
        TokenService tokens = new JwtTokenService(instances);
        Sessions sessions = new SessionStore(instances, data);
        Shares shares = new ShareStore(instances, data, tokens);
        OAuthClients clients = new OAuthClientStore(instances, data, tokens);
        AppPermissions grants = new AppPermissionStore(data);
        return new TestAuth(
                tokens,
                sessions,
                shares,
                clients,
                new OAuthServerImpl(clients, tokens),
                new PassphraseStore(instances),
                new TwoFactorStore(instances),
                new LoginThrottleImpl(Configs.defaults(LoginThrottleImpl.Config.class)),
                grants,
                new AuthenticatorImpl(tokens, clients, sessions, shares, grants));
    }
}
