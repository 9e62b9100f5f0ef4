package dev.hearth.apps.internal.intents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.apps.AppManifest.Intent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which manifest intent serves a request, and the page it gives, by cozy-stack's rules. */
class IntentMatchingTest {
    private static final Intent PICK = new Intent("PICK", List.of("io.cozy.files", "image/*"), "/pick");

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "PICK, io.cozy.files, true",
        "pick, io.cozy.files, true",
        "Pick, image/png, true",
        "PICK, image/*, true",
        "PICK, image, false",
        "PICK, images/png, false",
        "PICK, io.cozy.files.versions, false",
        "PICK, io.cozy.contacts, false",
        "PICK, IO.COZY.FILES, false",
        "OPEN, io.cozy.files, false",
        "PICKS, io.cozy.files, false",
        "'', io.cozy.files, false"
    })
    void actionsIgnoreCaseTypesMatchExactlyOrByTheirMajorType(String action, String type, boolean served) {
        assertThat(IntentMatching.serves(PICK, action, type)).isEqualTo(served);
    }

    @Test
    void aWildcardIsOnlyDeclaredNotAsked() {
        assertThat(IntentMatching.typeMatches("image/*", "image/jpeg")).isTrue();
        assertThat(IntentMatching.typeMatches("image/jpeg", "image/*")).isFalse();
        assertThat(IntentMatching.typeMatches("*/*", "image/jpeg")).isFalse();
        assertThat(IntentMatching.typeMatches("io.cozy.*", "io.cozy.files")).isFalse();
    }

    @Test
    void theFirstIntentInManifestOrderServes() {
        Intent images = new Intent("OPEN", List.of("image/*"), "/images");
        Intent photos = new Intent("open", List.of("image/jpeg"), "/photos");
        List<Intent> offered = List.of(PICK, images, photos);

        assertThat(IntentMatching.find(offered, "OPEN", "image/jpeg")).contains(images);
        assertThat(IntentMatching.find(List.of(PICK, photos, images), "OPEN", "image/jpeg"))
                .contains(photos);
        assertThat(IntentMatching.find(offered, "OPEN", "io.cozy.files")).isEmpty();
        assertThat(IntentMatching.find(List.of(), "PICK", "io.cozy.files")).isEmpty();
    }

    @Test
    void theHrefIsTheManifestPathOnTheAppOriginWithTheIntentAsItsOnlyQuery() {
        String origin = "http://drive.alice.localhost:8080";
        assertThat(IntentMatching.href(origin, "/pick", "abc")).isEqualTo(origin + "/pick?intent=abc");
        assertThat(IntentMatching.href(origin, "/", "abc")).isEqualTo(origin + "/?intent=abc");
        assertThat(IntentMatching.href(origin, "/pick?mode=one&x=2", "abc")).isEqualTo(origin + "/pick?intent=abc");
        assertThat(IntentMatching.href(origin, "/#/files/pick", "abc")).isEqualTo(origin + "/?intent=abc#/files/pick");
        assertThat(IntentMatching.href(origin, "/pick?x=1#", "abc")).isEqualTo(origin + "/pick?intent=abc");
        assertThat(IntentMatching.href(origin, "/a b/é", "abc")).isEqualTo(origin + "/a%20b/%C3%A9?intent=abc");
    }
}
