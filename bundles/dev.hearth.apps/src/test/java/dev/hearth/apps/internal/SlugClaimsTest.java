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
    private final SlugClaims claims = new SlugClaims();

    private static Claim notes(long id, String name, String version) {
        return new Claim(id, name, Version.parseVersion(version), AppType.WEBAPP, "notes");
    }

    @Test
    void theFirstClaimHoldsTheSlugAndAnotherBundleWaits() {
        assertThat(claims.claim(notes(1, "a", "1.0.0"))).isEqualTo(new Granted(Optional.empty()));
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
                claims.claim(new Claim(2, "b", Version.emptyVersion, AppType.KONNECTOR, "notes"));
        assertThat(konnector).isEqualTo(new Granted(Optional.empty()));
    }

    @Test
    void aHigherVersionOfTheSameBundleTakesTheSlugOver() {
        claims.claim(notes(1, "a", "1.0.0"));
        assertThat(claims.claim(notes(2, "a", "1.1.0"))).isEqualTo(new Granted(Optional.of(notes(1, "a", "1.0.0"))));
        assertThat(claims.waitingFor(AppType.WEBAPP, "notes"))
                .containsExactly(Map.entry(1L, new Refused(FailedAppDTO.SUPERSEDED, notes(2, "a", "1.1.0"))));
    }

    @Test
    void anEqualOrLowerVersionOfTheSameBundleWaits() {
        claims.claim(notes(1, "a", "2.0.0"));
        assertThat(claims.claim(notes(2, "a", "2.0.0")))
                .isEqualTo(new Refused(FailedAppDTO.SUPERSEDED, notes(1, "a", "2.0.0")));
        assertThat(claims.claim(notes(3, "a", "1.9.9")))
                .isEqualTo(new Refused(FailedAppDTO.SUPERSEDED, notes(1, "a", "2.0.0")));
    }

    @Test
    void whenAnUpdateGoesThePreviousVersionComesBackBeforeAnyOtherBundle() {
        claims.claim(notes(1, "a", "1.0.0"));
        claims.claim(notes(2, "b", "1.0.0"));
        claims.claim(notes(3, "a", "1.5.0"));
        claims.claim(notes(4, "a", "2.0.0"));
        assertThat(claims.release(4)).contains(notes(3, "a", "1.5.0"));
        assertThat(claims.release(3)).contains(notes(1, "a", "1.0.0"));
        assertThat(claims.release(1)).contains(notes(2, "b", "1.0.0"));
        assertThat(claims.release(2)).isEmpty();
        assertThat(claims.claim(notes(5, "c", "1.0.0"))).isEqualTo(new Granted(Optional.empty()));
    }

    @Test
    void otherwiseTheFirstWaitingBundleTakesTheSlugInItsHighestWaitingVersion() {
        claims.claim(notes(1, "a", "1.0.0"));
        claims.claim(notes(2, "b", "1.0.0"));
        claims.claim(notes(3, "c", "1.0.0"));
        claims.claim(notes(4, "b", "3.0.0"));
        claims.claim(notes(5, "b", "2.0.0"));
        assertThat(claims.release(1)).contains(notes(4, "b", "3.0.0"));
        assertThat(claims.waitingFor(AppType.WEBAPP, "notes"))
                .containsOnlyKeys(2L, 3L, 5L)
                .containsEntry(2L, new Refused(FailedAppDTO.SUPERSEDED, notes(4, "b", "3.0.0")))
                .containsEntry(3L, new Refused(FailedAppDTO.DUPLICATE_SLUG, notes(4, "b", "3.0.0")));
    }

    @Test
    void aWaitingBundleThatGoesIsForgottenWithoutChangingTheHolder() {
        claims.claim(notes(1, "a", "1.0.0"));
        claims.claim(notes(2, "b", "1.0.0"));
        assertThat(claims.release(2)).isEmpty();
        assertThat(claims.release(1)).isEmpty();
        assertThat(claims.waitingFor(AppType.WEBAPP, "notes")).isEmpty();
        assertThat(claims.release(99)).isEmpty();
    }
}
