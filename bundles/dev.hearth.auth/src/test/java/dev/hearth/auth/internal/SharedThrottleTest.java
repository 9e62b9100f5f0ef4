package dev.hearth.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.auth.LoginThrottle;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.expiring.ExpiringValues;
import dev.hearth.common.expiring.MemoryExpiringValues;
import org.junit.jupiter.api.Test;

/** The throttle's rules on values two nodes share: each node sees the other's failures and attempts. */
class SharedThrottleTest {
    private static final String ALICE = "alice.localhost:8080";
    private final ExpiringValues shared = new MemoryExpiringValues();
    private final SharedThrottle nodeA = new SharedThrottle(new ThrottleLimits(3, 60, 100, 900), shared);
    private final SharedThrottle nodeB = new SharedThrottle(new ThrottleLimits(3, 60, 100, 900), shared);

    private static void fail(LoginThrottle node, String address) {
        try (LoginThrottle.Attempt a = node.begin(ALICE, address)) {
            a.failed();
        }
    }

    @Test
    void failuresOnTwoNodesAddUp() {
        fail(nodeA, "10.0.0.1");
        fail(nodeB, "10.0.0.1");
        fail(nodeA, "10.0.0.1");
        fail(nodeB, "10.0.0.1");
        assertThatThrownBy(() -> nodeA.begin(ALICE, "10.0.0.1")).isInstanceOfSatisfying(StatusException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.headers()).containsKey("Retry-After");
        });
        assertThatThrownBy(() -> nodeB.begin(ALICE, "10.0.0.1")).isInstanceOf(StatusException.class);
        try (LoginThrottle.Attempt other = nodeB.begin(ALICE, "10.0.0.2")) {
            other.succeeded();
        }
    }

    @Test
    void oneAttemptInFlightPerAddressAcrossNodes() {
        try (LoginThrottle.Attempt first = nodeA.begin(ALICE, "10.0.0.1")) {
            assertThatThrownBy(() -> nodeB.begin(ALICE, "10.0.0.1")).isInstanceOf(StatusException.class);
            first.failed();
        }
        try (LoginThrottle.Attempt next = nodeB.begin(ALICE, "10.0.0.1")) {
            next.succeeded();
        }
    }

    @Test
    void aSuccessForgetsTheFailuresOnEveryNode() {
        fail(nodeA, "10.0.0.1");
        fail(nodeA, "10.0.0.1");
        fail(nodeA, "10.0.0.1");
        try (LoginThrottle.Attempt ok = nodeB.begin(ALICE, "10.0.0.1")) {
            ok.succeeded();
        }
        fail(nodeA, "10.0.0.1");
        fail(nodeB, "10.0.0.1");
        fail(nodeA, "10.0.0.1");
        try (LoginThrottle.Attempt again = nodeB.begin(ALICE, "10.0.0.1")) {
            assertThat(again).as("three failures again are free").isNotNull();
        }
    }
}
