package dev.hearth.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.auth.Session;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session touches racing each other or a logout never fail a request, and a logout always ends the session. */
class SessionStoreTest {
    private static final String ALICE = "alice.localhost:8080";
    private static final Duration MORE_THAN_A_DAY = Duration.ofHours(25);

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
    void aTouchWritesLastSeenAtMostOnceADay() {
        Session session = sessions.create(ALICE, false, false);
        String cookie = sessions.cookieValue(ALICE, session);
        clock.advance(Duration.ofHours(2));
        assertThat(sessions.fromCookie(ALICE, cookie).orElseThrow().lastSeen()).isEqualTo(session.lastSeen());
        clock.advance(MORE_THAN_A_DAY);
        assertThat(sessions.fromCookie(ALICE, cookie).orElseThrow().lastSeen()).isEqualTo(clock.instant());
        assertThat(sessions.list(ALICE)).extracting(Session::lastSeen).containsExactly(clock.instant());
    }

    @Test
    void concurrentRequestsWithTheSameCookieAllSucceed() throws Exception {
        int threads = 8;
        Session session = sessions.create(ALICE, true, false);
        String cookie = sessions.cookieValue(ALICE, session);
        for (int round = 0; round < 10; round++) {
            clock.advance(MORE_THAN_A_DAY);
            CyclicBarrier together = new CyclicBarrier(threads);
            List<Object> outcomes = new CopyOnWriteArrayList<>();
            List<Thread> requests = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                requests.add(Thread.ofPlatform().start(() -> {
                    try {
                        together.await(10, TimeUnit.SECONDS);
                        outcomes.add(sessions.fromCookie(ALICE, cookie));
                    } catch (Exception e) {
                        outcomes.add(e);
                    }
                }));
            }
            for (Thread r : requests) {
                r.join();
            }
            assertThat(outcomes)
                    .as("round %d: every request found its session, none failed", round)
                    .hasSize(threads)
                    .allSatisfy(o -> assertThat(o)
                            .isInstanceOfSatisfying(
                                    Optional.class, found -> assertThat(found).isPresent()));
            assertThat(sessions.list(ALICE))
                    .extracting(Session::lastSeen)
                    .as("one touch stood")
                    .containsExactly(clock.instant());
        }
    }

    @Test
    void aLogoutRacingTouchesAlwaysEndsTheSession() throws Exception {
        for (int round = 0; round < 15; round++) {
            Session session = sessions.create(ALICE, false, false);
            String cookie = sessions.cookieValue(ALICE, session);
            AtomicBoolean running = new AtomicBoolean(true);
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> touchers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                touchers.add(Thread.ofPlatform().start(() -> {
                    while (running.get()) {
                        clock.advance(MORE_THAN_A_DAY);
                        try {
                            sessions.fromCookie(ALICE, cookie);
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            Thread.sleep(5);

            sessions.delete(ALICE, session.id());

            assertThat(sessions.exists(ALICE, session.id()))
                    .as("round %d: logged out", round)
                    .isFalse();
            Thread.sleep(5);
            running.set(false);
            for (Thread toucher : touchers) {
                toucher.join();
            }
            assertThat(failures).as("a touch never fails a request").isEmpty();
            assertThat(sessions.exists(ALICE, session.id()))
                    .as("no touch brings it back")
                    .isFalse();
            assertThat(sessions.fromCookie(ALICE, cookie)).isEmpty();
        }
    }
}
