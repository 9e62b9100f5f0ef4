package dev.hearth.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A form's outcome reaches only the admin who posted it, once, and never the redirect URL. */
class ResultNotesTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-05-01T08:00:00Z"));
    private final ResultNotes notes = new ResultNotes(new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    });

    @Test
    void theRedirectCarriesOnlyAKeyAndTheNoteShowsOnce() {
        String secret = "Created alice.localhost; onboarding token 0123456789abcdef";
        String key = notes.put("admin-tag", secret);
        String location = InstancesPlugin.resultLocation("/system/console/hearth-instances", key);

        assertThat(location)
                .isEqualTo("/system/console/hearth-instances?result=" + key)
                .doesNotContain("0123456789abcdef");
        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(notes.take("other-tag", key)).as("not for other credentials").isEmpty();
        assertThat(notes.take("admin-tag", key)).contains(secret);
        assertThat(notes.take("admin-tag", key)).as("once").isEmpty();
        assertThat(notes.take("admin-tag", "unknown")).isEmpty();
    }

    @Test
    void notesExpireAndStayFew() {
        String stale = notes.put("admin-tag", "old");
        now.updateAndGet(t -> t.plus(ResultNotes.TTL).plus(Duration.ofSeconds(1)));
        assertThat(notes.take("admin-tag", stale)).isEmpty();

        String first = notes.put("admin-tag", "first");
        for (int i = 0; i < 150; i++) {
            notes.put("admin-tag", "n" + i);
        }
        assertThat(notes.take("admin-tag", first)).as("the oldest make room").isEmpty();
        String last = notes.put("admin-tag", "last");
        assertThat(notes.take("admin-tag", last)).contains("last");
    }
}
