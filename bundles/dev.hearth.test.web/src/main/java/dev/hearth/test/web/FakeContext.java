package dev.hearth.test.web;

import dev.hearth.auth.Audience;
import dev.hearth.auth.AuthContext;
import dev.hearth.auth.Claims;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Session;
import dev.hearth.instances.Instance;
import dev.hearth.web.RequestContext;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A request context whose instance, app, caller and session the test chooses. */
public final class FakeContext implements RequestContext {
    private final Instance instance;
    private @Nullable String appSlug;
    private AuthContext caller;
    private @Nullable Session session;

    private FakeContext(Instance instance) {
        this.instance = instance;
        this.caller = AuthContext.anonymous(instance.domain());
    }

    /** A request to the instance's own host, without token or session. */
    public static FakeContext of(Instance instance) {
        return new FakeContext(instance);
    }

    /** The request is to the host of this app. */
    public FakeContext app(String slug) {
        this.appSlug = slug;
        return this;
    }

    /** The caller is a command-line token with this scope ({@code io.cozy.files io.cozy.todos:GET}). */
    public FakeContext cli(String scope) {
        return caller(Audience.CLI, "", scope, PermissionSet.parseScope(scope));
    }

    /** The caller has a token of this audience and subject, with these permissions. */
    public FakeContext caller(Audience audience, String subject, String scope, PermissionSet permissions) {
        Claims claims = new Claims(audience, instance.domain(), subject, Instant.now(), scope, null);
        this.caller = new AuthContext(instance.domain(), claims, permissions);
        return this;
    }

    /** The browser has this session. */
    public FakeContext session(Session session) {
        this.session = session;
        return this;
    }

    @Override
    public Instance instance() {
        return instance;
    }

    @Override
    public @Nullable String appSlug() {
        return appSlug;
    }

    @Override
    public Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    @Override
    public AuthContext authOrAnonymous() {
        return caller;
    }
}
