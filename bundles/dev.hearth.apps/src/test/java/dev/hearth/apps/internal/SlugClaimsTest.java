package dev.hearth.apps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.apps.AppType;
import dev.hearth.apps.FailedAppDTO;
import dev.hearth.apps.internal.SlugClaims.Claim;
import dev.hearth.apps.internal.SlugClaims.Granted;
import dev.hearth.apps.internal.SlugClaims.Refused;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class SlugClaimsTest {
    private static final Granted GRANTED = new Granted(Optional.empty());

    private final SlugClaims claims = new SlugClaims();

    /** A bundle whose manifest version is its bundle version. */
    private static Claim notes(long id, String name, String version) {
        return notes(id, name, version, version);
    }

    private static Claim notes(long id, String name, String bundleVersion, String appVersion) {
        return new Claim(id, name, Version.parseVersion(bundleVersion), appVersion, AppType.WEBAPP, "notes");
    }

    @Test
    void theFirstClaimGivesTheSlugToItsBundleAndAnotherBundleWaits() {
        assertThat(claims.claim(notes(1, "a", "1.0.0"))).isEqualTo(GRANTED);
        assertThat(claims.claim(notes(2, "b", "9.0.0")))
                .isEqualTo(new Refused(FailedAppDTO.DUPLICATE_SLUG, notes(1, "a", "1.0.0")));
        assertThat(claims.waitingFor(AppType.WEBAPP, "notes"))
                .containsOnlyKeys(2L)
                .containsValue(new Refused(FailedAppDTO.DUPLICATE_SLUG, notes(1, "a", "1.0.0")));
    }

    @Test
    void aWebappAndAKonnectorMayShareASlug() {
        claims.claim(notes(1, "a", "1.0.0"));
        SlugClaims.Outcome konnector =
                claims.claim(new Claim(2, "b", Version.emptyVersion, "1", AppType.KONNECTOR, "notes"));
        assertThat(konnector).isEqualTo(GRANTED);
    }

    @Test
    void everyVersionOfTheAppIsDeployedSideBySide() {
        assertThat(claims.claim(notes(1, "a", "1.0.0"))).isEqualTo(GRANTED);
        assertThat(claims.claim(notes(2, "a", "2.0.0"))).isEqualTo(GRANTED);
        assertThat(claims.claim(notes(3, "a", "0.9.0"))).as("lower ones too").isEqualTo(GRANTED);
        assertThat(claims.waitingFor(AppType.WEBAPP, "notes")).isEmpty();
        assertThat(claims.release(2)).as("nothing waited for it").isEmpty();
    }

    @Test
    void aHigherBundleVersionOfTheSameAppVersionTakesItsPlace() {
        claims.claim(notes(1, "a", "1.0.0", "1.0"));
        assertThat(claims.claim(notes(2, "a", "1.0.1", "1.0")))
                .isEqualTo(new Granted(Optional.of(notes(1, "a", "1.0.0", "1.0"))));
        assertThat(claims.waitingFor(AppType.WEBAPP, "notes"))
                .containsExactly(Map.entry(1L, new Refused(FailedAppDTO.SUPERSEDED, notes(2, "a", "1.0.1", "1.0"))));
        assertThat(claims.claim(notes(3, "a", "0.1.0", "1.0")))
                .isEqualTo(new Refused(FailedAppDTO.SUPERSEDED, notes(2, "a", "1.0.1", "1.0")));
        assertThat(claims.release(2))
                .as("the highest waiting one comes back")
                .containsExactly(notes(1, "a", "1.0.0", "1.0"));
    }

    @Test
    void whenTheAppsLastBundleGoesTheBundleThatWaitedLongestTakesTheSlugWithAllItsVersions() {
        claims.claim(notes(1, "a", "1.0.0"));
        claims.claim(notes(2, "b", "1.0.0"));
        claims.claim(notes(3, "c", "1.0.0"));
        claims.claim(notes(4, "b", "3.0.0"));
        claims.claim(notes(5, "b", "3.0.1", "3.0.0"));
        claims.claim(notes(6, "a", "2.0.0"));
        assertThat(claims.release(1)).as("a still has 2.0.0").isEmpty();
        assertThat(claims.release(6)).containsExactly(notes(2, "b", "1.0.0"), notes(5, "b", "3.0.1", "3.0.0"));
        assertThat(claims.waitingFor(AppType.WEBAPP, "notes"))
                .containsOnlyKeys(3L, 4L)
                .containsEntry(3L, new Refused(FailedAppDTO.DUPLICATE_SLUG, notes(2, "b", "1.0.0")))
                .containsEntry(4L, new Refused(FailedAppDTO.SUPERSEDED, notes(5, "b", "3.0.1", "3.0.0")));
        assertThat(claims.claim(notes(7, "c", "2.0.0"))).isInstanceOf(Refused.class);
    }

    @Test
    void aWaitingBundleThatGoesIsForgottenWithoutChangingTheHolders() {
        claims.claim(notes(1, "a", "1.0.0"));
        claims.claim(notes(2, "b", "1.0.0"));
        assertThat(claims.release(2)).isEmpty();
        assertThat(claims.release(1)).isEmpty();
        assertThat(claims.waitingFor(AppType.WEBAPP, "notes")).isEmpty();
        assertThat(claims.release(99)).isEmpty();
        assertThat(claims.claim(notes(3, "c", "1.0.0"))).as("the slug is free").isEqualTo(GRANTED);
    }
}
