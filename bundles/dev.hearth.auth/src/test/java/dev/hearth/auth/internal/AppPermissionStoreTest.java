package dev.hearth.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.auth.Audience;
import dev.hearth.auth.AuthContext;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Verb;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.TestData;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppPermissionStoreTest {
    private static final String ALICE = "alice.localhost";

    @TempDir
    Path dir;

    private TestData t;
    private AppPermissionStore grants;
    private ShareStore shares;
    private AuthenticatorImpl authenticator;
    private JwtTokenService tokens;

    @BeforeEach
    void open() {
        t = TestData.in(dir);
        t.instances().create(NewInstance.of(ALICE));
        tokens = new JwtTokenService(t.instances());
        grants = new AppPermissionStore(t.service());
        shares = new ShareStore(t.instances(), t.service(), tokens);
        OAuthClientStore clients = new OAuthClientStore(t.instances(), t.service(), tokens);
        authenticator =
                new AuthenticatorImpl(tokens, clients, new SessionStore(t.instances(), t.service()), shares, grants);
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void anAppTokenCarriesItsGrantFromTheMomentItIsGivenUntilItIsRevoked() {
        String token = tokens.mint(ALICE, Audience.APP, "notes", "", null, Instant.now());
        assertThat(authenticator.authenticate(ALICE, token).permissions().rules())
                .isEmpty();

        grants.grant(ALICE, Audience.APP, "notes", PermissionSet.parseScope("io.cozy.notes io.cozy.files:GET"));
        AuthContext granted = authenticator.authenticate(ALICE, token);
        assertThat(granted.permissions().allowsWholeType(Verb.PUT, "io.cozy.notes"))
                .isTrue();
        assertThat(granted.permissions().allowsWholeType(Verb.PUT, "io.cozy.files"))
                .isFalse();

        grants.grant(ALICE, Audience.APP, "notes", PermissionSet.parseScope("io.cozy.notes:GET"));
        assertThat(authenticator.authenticate(ALICE, token).permissions().allowsWholeType(Verb.PUT, "io.cozy.notes"))
                .as("an update of the grant is seen at once, not after a cache expires")
                .isFalse();

        grants.revoke(ALICE, Audience.APP, "notes");
        assertThat(authenticator.authenticate(ALICE, token).permissions().rules())
                .isEmpty();
        assertThat(grants.of(ALICE, Audience.APP, "notes")).isEmpty();
    }

    @Test
    void appsAndKonnectorsHaveSeparateGrantsAndNeitherIsAShare() {
        grants.grant(ALICE, Audience.APP, "banks", PermissionSet.parseScope("io.cozy.bank.operations"));
        grants.grant(ALICE, Audience.KONNECTOR, "banks", PermissionSet.parseScope("io.cozy.files"));
        assertThat(grants.of(ALICE, Audience.APP, "banks").orElseThrow().allowsWholeType(Verb.GET, "io.cozy.files"))
                .isFalse();
        assertThat(grants.of(ALICE, Audience.KONNECTOR, "banks")
                        .orElseThrow()
                        .allowsWholeType(Verb.GET, "io.cozy.files"))
                .isTrue();
        assertThat(shares.list(ALICE)).isEmpty();
    }
}
