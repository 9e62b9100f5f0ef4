package dev.hearth.apps.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.apps.AppResource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AppPageTest {
    /** An index.html whose reads are counted. */
    private static final class CountedFile implements AppResource {
        private final String content;
        private final String etag;
        final AtomicInteger opened = new AtomicInteger();

        CountedFile(String content, String etag) {
            this.content = content;
            this.etag = etag;
        }

        @Override
        public String path() {
            return "index.html";
        }

        @Override
        public long size() {
            return content.length();
        }

        @Override
        public Instant lastModified() {
            return Instant.EPOCH;
        }

        @Override
        public String etag() {
            return etag;
        }

        @Override
        public String contentType() {
            return "text/html";
        }

        @Override
        public InputStream open() {
            opened.incrementAndGet();
            return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
        }
    }

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
