package dev.hearth.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hearth.auth.LoginThrottle;
import dev.hearth.common.error.StatusException;
import java.lang.annotation.Annotation;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoginThrottleImplTest {
    private static final String ALICE = "alice.localhost:8080";
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private LoginThrottleImpl throttle = new LoginThrottleImpl(config(3, 60, 10, 900), now::get);

    @Test
    void anAddressWaitsTwiceAsLongAfterEachFailureBeyondTheFreeOnes() {
        for (int i = 0; i < 3; i++) {
            fail(ALICE, "10.0.0.1");
        }
        fail(ALICE, "10.0.0.1");
        assertRefused(ALICE, "10.0.0.1", "1");
        advance(1);
        fail(ALICE, "10.0.0.1");
        assertRefused(ALICE, "10.0.0.1", "2");
        advance(2);
        fail(ALICE, "10.0.0.1");
        assertRefused(ALICE, "10.0.0.1", "4");
        assertThat(allowed(ALICE, "10.0.0.2"))
                .as("other addresses are not slowed down")
                .isTrue();
        assertThat(allowed("bob.localhost:8080", "10.0.0.1"))
                .as("nor other instances")
                .isTrue();
    }

    @Test
    void theWaitIsCapped() {
        throttle = new LoginThrottleImpl(config(3, 60, 1000, 900), now::get);
        for (int i = 0; i < 20; i++) {
            fail(ALICE, "10.0.0.1");
            advance(60);
        }
        fail(ALICE, "10.0.0.1");
        assertRefused(ALICE, "10.0.0.1", "60");
    }

    @Test
    void successForgetsTheFailures() {
        for (int i = 0; i < 3; i++) {
            fail(ALICE, "10.0.0.1");
        }
        try (LoginThrottle.Attempt a = throttle.begin(ALICE, "10.0.0.1")) {
            a.succeeded();
        }
        for (int i = 0; i < 3; i++) {
            fail(ALICE, "10.0.0.1");
        }
        assertThat(allowed(ALICE, "10.0.0.1")).isTrue();
    }

    @Test
    void anAttemptCountsWhatItsCheckSays() {
        assertThat(throttle.attempt(ALICE, "10.0.0.1", () -> true)).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.attempt(ALICE, "10.0.0.1", () -> false)).isFalse();
        }
        assertRefused(ALICE, "10.0.0.1", "1");
    }

    @Test
    void oneAttemptInFlightPerAddress() {
        try (LoginThrottle.Attempt first = throttle.begin(ALICE, "10.0.0.1")) {
            assertRefused(ALICE, "10.0.0.1", "1");
            assertThat(allowed(ALICE, "10.0.0.2")).isTrue();
            first.failed();
        }
        assertThat(allowed(ALICE, "10.0.0.1")).isTrue();
    }

    @Test
    void pastTheInstanceBudgetOnlyAddressesThatNeverFailedMayTry() {
        for (int i = 0; i < 10; i++) {
            fail(ALICE, "10.0.1." + i);
        }
        assertRefused(ALICE, "10.0.1.3", "900");
        assertThat(allowed(ALICE, "10.0.2.1"))
                .as("the owner on a fresh address")
                .isTrue();
        advance(900);
        assertThat(allowed(ALICE, "10.0.1.3")).as("a new window").isTrue();
    }

    @Test
    void outOfRangeLimitsFallBackToTheDefaultsWithAWarning() {
        Logger log = (Logger) LoggerFactory.getLogger(LoginThrottleImpl.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            throttle = new LoginThrottleImpl(config(-1, 0, 0, -900), now::get);
        } finally {
            log.detachAppender(lines);
        }

        assertThat(lines.list)
                .extracting(ILoggingEvent::getLevel)
                .containsOnly(Level.WARN)
                .hasSize(4);
        assertThat(lines.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy(m -> assertThat(m).startsWith("Configuration dev.hearth.auth.throttle: "))
                .anySatisfy(m -> assertThat(m).contains("freeFailures = -1", "default 5"))
                .anySatisfy(m -> assertThat(m).contains("maxWaitSeconds = 0", "default 3600"))
                .anySatisfy(m -> assertThat(m).contains("instanceBudget = 0", "default 100"))
                .anySatisfy(m -> assertThat(m).contains("windowSeconds = -900", "default 900"));
        for (int i = 0; i < 5; i++) {
            fail(ALICE, "10.0.0.1");
        }
        assertThat(allowed(ALICE, "10.0.0.1"))
                .as("the default five free failures")
                .isTrue();
        fail(ALICE, "10.0.0.1");
        assertRefused(ALICE, "10.0.0.1", "1");
    }

    private void fail(String domain, String address) {
        try (LoginThrottle.Attempt a = throttle.begin(domain, address)) {
            a.failed();
        }
    }

    private boolean allowed(String domain, String address) {
        try (LoginThrottle.Attempt a = throttle.begin(domain, address)) {
            return true;
        } catch (StatusException e) {
            return false;
        }
    }

    private void assertRefused(String domain, String address, String retryAfter) {
        assertThatThrownBy(() -> throttle.begin(domain, address)).isInstanceOfSatisfying(StatusException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.getMessage()).isEqualTo(LoginThrottle.TOO_MANY);
            assertThat(e.headers()).containsEntry("Retry-After", retryAfter);
        });
    }

    private void advance(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    private static LoginThrottleImpl.Config config(int free, int maxWait, int budget, int window) {
        return new LoginThrottleImpl.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LoginThrottleImpl.Config.class;
            }

            @Override
            public int freeFailures() {
                return free;
            }

            @Override
            public int maxWaitSeconds() {
                return maxWait;
            }

            @Override
            public int instanceBudget() {
                return budget;
            }

            @Override
            public int windowSeconds() {
                return window;
            }
        };
    }
}
