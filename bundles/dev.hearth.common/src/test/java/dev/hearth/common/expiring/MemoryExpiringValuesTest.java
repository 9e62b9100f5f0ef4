package dev.hearth.common.expiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryExpiringValuesTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final MemoryExpiringValues values = new MemoryExpiringValues(now::get, 3);

    private void advance(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void aValueIsTakenOnceAndExpires() {
        values.put("a", new byte[] {1}, Duration.ofSeconds(10));
        assertThat(values.get("a")).containsExactly(1);
        assertThat(values.take("a")).containsExactly(1);
        assertThat(values.take("a")).as("used up").isNull();
        values.put("b", new byte[] {2}, Duration.ofSeconds(10));
        advance(10);
        assertThat(values.get("b")).isNull();
        assertThat(values.take("b")).isNull();
    }

    @Test
    void putIfAbsentKeepsTheFirstUntilItExpires() {
        assertThat(values.putIfAbsent("k", new byte[] {1}, Duration.ofSeconds(5)))
                .isTrue();
        assertThat(values.putIfAbsent("k", new byte[] {2}, Duration.ofSeconds(5)))
                .isFalse();
        assertThat(values.get("k")).containsExactly(1);
        advance(5);
        assertThat(values.putIfAbsent("k", new byte[] {3}, Duration.ofSeconds(5)))
                .isTrue();
        values.delete("k");
        assertThat(values.get("k")).isNull();
    }

    @Test
    void aCounterExpiresWithItsFirstIncrement() {
        assertThat(values.increment("c", Duration.ofSeconds(10))).isEqualTo(1);
        advance(6);
        assertThat(values.increment("c", Duration.ofSeconds(10))).isEqualTo(2);
        advance(4);
        assertThat(values.increment("c", Duration.ofSeconds(10)))
                .as("the window started at the first increment")
                .isEqualTo(1);
    }

    @Test
    void aFullStoreDropsExpiredValuesThenRefuses() {
        values.put("a", new byte[0], Duration.ofSeconds(1));
        values.put("b", new byte[0], Duration.ofSeconds(10));
        values.put("c", new byte[0], Duration.ofSeconds(10));
        advance(1);
        values.put("d", new byte[0], Duration.ofSeconds(10));
        assertThat(values.get("d")).isNotNull();
        assertThatThrownBy(() -> values.put("e", new byte[0], Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class);
    }
}
