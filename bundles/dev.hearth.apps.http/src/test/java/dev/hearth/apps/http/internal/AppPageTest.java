package dev.hearth.apps.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppPageTest {
    @Test
    void aPageIsReadOnceForItsContentAndAgainWhenItChanges() throws Exception {
        AppPage page = new AppPage(null);
        CountedFile v1 = new CountedFile("<p>{{.Locale}}</p>", "\"v1\"");
        for (int i = 0; i < 5; i++) {
            assertThat(page.template(v1).render(Map.of("Locale", "fr"))).isEqualTo("<p>fr</p>");
        }
        assertThat(v1.opened).hasValue(1);

        CountedFile v2 = new CountedFile("<b>{{.Locale}}</b>", "\"v2\"");
        assertThat(page.template(v2).render(Map.of("Locale", "en"))).isEqualTo("<b>en</b>");
        assertThat(v2.opened).hasValue(1);
    }

    @Test
    void theCacheIsBounded() throws Exception {
        AppPage page = new AppPage(null);
        CountedFile first = new CountedFile("<p>first</p>", "\"first\"");
        page.template(first);
        for (int i = 0; i < AppPage.MAX_COMPILED; i++) {
            page.template(new CountedFile("<p>" + i + "</p>", "\"" + i + "\""));
        }
        assertThat(page.template(first).render(Map.of())).isEqualTo("<p>first</p>");
        assertThat(first.opened)
                .as("dropped when the cache was full, read again")
                .hasValue(2);
    }
}
