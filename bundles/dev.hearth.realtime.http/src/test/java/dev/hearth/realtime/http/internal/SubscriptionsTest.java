package dev.hearth.realtime.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a connection listens to, and when it is pinged or given up. */
class SubscriptionsTest {

    @Test
    void matchesWholeDoctypesAndSingleDocuments() {
        Subscriptions s = new Subscriptions();
        assertThat(s.matches("io.cozy.todos", "t1")).isFalse();
        s.add(new Target("io.cozy.todos", null));
        s.add(new Target("io.cozy.notes", "n1"));
        assertThat(s.matches("io.cozy.todos", "anything")).isTrue();
        assertThat(s.matches("io.cozy.notes", "n1")).isTrue();
        assertThat(s.matches("io.cozy.notes", "n2")).isFalse();
        assertThat(s.matches("io.cozy.todos.done", "t1")).isFalse();
    }

    @Test
    void unsubscribingRemovesExactlyItsTarget() {
        Subscriptions s = new Subscriptions();
        s.add(new Target("io.cozy.todos", null));
        s.add(new Target("io.cozy.todos", "t1"));
        s.remove(new Target("io.cozy.todos", null));
        assertThat(s.matches("io.cozy.todos", "t2")).isFalse();
        assertThat(s.matches("io.cozy.todos", "t1")).isTrue();
        s.remove(new Target("io.cozy.todos", "t1"));
        assertThat(s.matches("io.cozy.todos", "t1")).isFalse();
    }

    @Test
    void retainKeepsWhatIsStillAllowed() {
        Subscriptions s = new Subscriptions();
        s.add(new Target("io.cozy.todos", null));
        s.add(new Target("io.cozy.notes", null));
        s.retain(t -> t.type().equals("io.cozy.notes"));
        assertThat(s.matches("io.cozy.todos", "t1")).isFalse();
        assertThat(s.matches("io.cozy.notes", "n1")).isTrue();
    }

    @Test
    void theHeartbeatPingsThenGivesUpOnSilence() {
        Heartbeat beat = new Heartbeat(Duration.ofSeconds(54), Duration.ofSeconds(60));
        long s = Duration.ofSeconds(1).toNanos();
        assertThat(beat.due(10 * s, 0, 0)).isEqualTo(Heartbeat.Action.NONE);
        assertThat(beat.due(54 * s, 0, 0)).isEqualTo(Heartbeat.Action.PING);
        assertThat(beat.due(55 * s, 0, 54 * s)).isEqualTo(Heartbeat.Action.NONE);
        assertThat(beat.due(60 * s, 0, 54 * s)).isEqualTo(Heartbeat.Action.EXPIRE);
        assertThat(beat.due(108 * s, 55 * s, 54 * s)).isEqualTo(Heartbeat.Action.PING);
        assertThat(Heartbeat.COZY).isEqualTo(beat);
    }
}
