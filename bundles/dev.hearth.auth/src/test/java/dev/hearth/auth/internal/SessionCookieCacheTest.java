package dev.hearth.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Session;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Documents;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cookie seen before is answered without checking its signature or parsing its session again,
 * yet every way a session ends still takes effect at the next request.
 */
class SessionCookieCacheTest {
    private static final String ALICE = "alice.localhost:8080";

    @TempDir
    Path dir;

    private TestData t;
    private TestClock clock;
    private SessionStore sessions;

    @BeforeEach
    void open() throws Exception {
        t = TestData.in(dir);
        t.instances().create(NewInstance.of(ALICE));
        clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
        sessions = new SessionStore(t.instances(), t.service(), clock);
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void aKnownCookieAnswersTheSameSessionUntilALogout() {
        Session session = sessions.create(ALICE, false, false);
        String cookie = sessions.cookieValue(ALICE, session);
        assertThat(sessions.fromCookie(ALICE, cookie)).contains(session);
        assertThat(sessions.fromCookie(ALICE, cookie)).contains(session);
        sessions.delete(ALICE, session.id());
        assertThat(sessions.fromCookie(ALICE, cookie)).isEmpty();
        assertThat(sessions.fromCookie(ALICE, cookie)).isEmpty();
    }

    @Test
    void revokingTheOtherSessionsEndsTheirKnownCookies() {
        Session kept = sessions.create(ALICE, false, false);
        Session other = sessions.create(ALICE, false, false);
        String keptCookie = sessions.cookieValue(ALICE, kept);
        String otherCookie = sessions.cookieValue(ALICE, other);
        assertThat(sessions.fromCookie(ALICE, otherCookie)).isPresent();
        sessions.deleteOthers(ALICE, kept.id());
        assertThat(sessions.fromCookie(ALICE, otherCookie)).isEmpty();
        assertThat(sessions.fromCookie(ALICE, keptCookie)).contains(kept);
    }

    @Test
    void aSessionEndedByAnotherProcessEndsHereToo() {
        Session session = sessions.create(ALICE, false, false);
        String cookie = sessions.cookieValue(ALICE, session);
        assertThat(sessions.fromCookie(ALICE, cookie)).isPresent();
        // Another store over the same data, as another server process of a cluster would be.
        new SessionStore(t.instances(), t.service(), clock).delete(ALICE, session.id());
        assertThat(sessions.fromCookie(ALICE, cookie)).isEmpty();
    }

    @Test
    void aSessionDocumentChangedElsewhereIsReadAgain() {
        Session session = sessions.create(ALICE, true, false);
        String cookie = sessions.cookieValue(ALICE, session);
        assertThat(sessions.fromCookie(ALICE, cookie)).isPresent();
        Database db = t.service().database(ALICE, Doctypes.SESSIONS);
        ObjectNode doc = Documents.json(db.get(session.id(), null, false));
        Instant longAgo = clock.instant().minus(Duration.ofDays(40));
        doc.put("last_seen", longAgo.toString());
        assertThat(db.save(doc).isOk()).isTrue();
        assertThat(sessions.fromCookie(ALICE, cookie)).isEmpty(); // idle past its lifetime: ended
        assertThat(db.exists()).isTrue();
    }

    @Test
    void aKnownSessionStillExpiresWithTime() {
        Session session = sessions.create(ALICE, false, true);
        String cookie = sessions.cookieValue(ALICE, session);
        assertThat(sessions.fromCookie(ALICE, cookie)).isPresent();
        clock.advance(Session.SHORT_RUN.plusSeconds(1));
        assertThat(sessions.fromCookie(ALICE, cookie)).isEmpty();
    }

    @Test
    void aForgedSignatureIsRefusedEvenAfterTheRealCookieWasSeen() throws Exception {
        t.instances().create(NewInstance.of("bob.localhost:8080"));
        Session session = sessions.create(ALICE, false, false);
        String cookie = sessions.cookieValue(ALICE, session);
        assertThat(sessions.fromCookie(ALICE, cookie)).isPresent();
        String forged = session.id() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertThat(sessions.fromCookie(ALICE, forged)).isEmpty();
        assertThat(sessions.fromCookie("bob.localhost:8080", cookie)).isEmpty();
    }
}
