package dev.hearth.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.common.error.StatusException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {

    @Test
    void aReadWaitsForTheBytesOthersGiveBack() throws Exception {
        BodyBudget budget = new BodyBudget(1000, 5_000);
        budget.take(800);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> budget.take(500));
        Thread.sleep(100);
        assertThat(second).isNotDone();
        budget.give(800);
        second.get(2, TimeUnit.SECONDS);
    }

    @Test
    void aReadThatWaitsTooLongGets503WithRetryAfter() {
        BodyBudget budget = new BodyBudget(1000, 50);
        budget.take(1000);
        assertThatThrownBy(() -> budget.take(1)).isInstanceOfSatisfying(StatusException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.headers()).containsKey("Retry-After");
        });
    }

    @Test
    void aBodyTakesWhatItReadsAndReleasesItOnce() throws IOException {
        BodyBudget budget = new BodyBudget(100, 0);
        InputStream body = new ByteArrayInputStream(new byte[60]);
        LimitedInput first = new LimitedInput(body, 1000, budget);
        assertThat(first.readAllBytes()).hasSize(60);
        LimitedInput second = new LimitedInput(new ByteArrayInputStream(new byte[60]), 1000, budget);
        assertThatThrownBy(second::readAllBytes).isInstanceOf(StatusException.class);
        first.release();
        first.release();
        second.release();
        assertThat(new LimitedInput(new ByteArrayInputStream(new byte[100]), 1000, budget).readAllBytes())
                .hasSize(100);
    }

    @Test
    void aBodyOverItsLimitIs413() {
        LimitedInput body = new LimitedInput(new ByteArrayInputStream(new byte[11]), 10, new BodyBudget(100, 0));
        assertThatThrownBy(body::readAllBytes).hasMessageContaining("larger than 10 bytes");
    }
}
