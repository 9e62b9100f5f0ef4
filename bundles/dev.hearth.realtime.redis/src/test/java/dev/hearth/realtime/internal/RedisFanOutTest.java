package dev.hearth.realtime.internal;

import static dev.hearth.realtime.redis.internal.RedisServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.EventRelay;
import dev.hearth.realtime.redis.internal.RedisServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' hubs, each with its own relay and its own Redis connections, through a real Redis:
 * what one node publishes reaches the other's subscribers once, and never comes back to itself.
 * In the hub's package, to bind the relays as Declarative Services does.
 */
class RedisFanOutTest {
    private static final String ALICE = "alice.test";

    private RedisServer redis;
    private final RealtimeHubImpl nodeA = new RealtimeHubImpl();
    private final RealtimeHubImpl nodeB = new RealtimeHubImpl();
    private final List<String> seenOnA = new CopyOnWriteArrayList<>();
    private final List<String> seenOnB = new CopyOnWriteArrayList<>();
    private EventRelay relayA;
    private EventRelay relayB;

    @BeforeEach
    void start() throws Exception {
        assertThat(RedisServer.installed() || !RedisServer.required())
                .as("redis-server is required here (apt-get install redis-server)")
                .isTrue();
        Assumptions.assumeTrue(RedisServer.installed(), "Debian's redis-server is not installed: Redis tests not run");
        redis = RedisServer.start(null);
        relayA = redis.relay(redis.url());
        relayB = redis.relay(redis.url());
        nodeA.bindRelay(relayA);
        nodeB.bindRelay(relayB);
        nodeA.subscribe(ALICE, e -> seenOnA.add(e.id()));
        nodeB.subscribe(ALICE, e -> seenOnB.add(e.id()));
        nodeB.subscribe("bob.test", e -> seenOnB.add("bob:" + e.id()));
        awaitSubscribed();
    }

    @AfterEach
    void stop() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    private void awaitSubscribed() throws InterruptedException {
        await(() -> RedisServer.subscribed(relayA) && RedisServer.subscribed(relayB), "both relays to subscribe");
    }

    private static Event event(String domain, String id) {
        return new Event(
                domain,
                Event.Verb.UPDATED,
                "io.cozy.todos",
                id,
                JsonNodeFactory.instance.objectNode().put("_id", id).put("done", true));
    }

    @Test
    void eachNodeSeesTheOthersEventsOnceAndItsOwnOnce() throws Exception {
        List<Event> full = new CopyOnWriteArrayList<>();
        nodeB.subscribe(ALICE, full::add);
        nodeA.publish(event(ALICE, "1"));
        nodeB.publish(event(ALICE, "2"));
        nodeA.publish(event(ALICE, "3"));
        await(() -> seenOnB.contains("3") && seenOnA.contains("2"), "the events to cross");
        Thread.sleep(300);
        assertThat(seenOnA).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(seenOnB).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(seenOnB.indexOf("1")).isLessThan(seenOnB.indexOf("3"));
        Event crossed =
                full.stream().filter(e -> e.id().equals("1")).findFirst().orElseThrow();
        assertThat(crossed.verb()).isEqualTo(Event.Verb.UPDATED);
        assertThat(crossed.doctype()).isEqualTo("io.cozy.todos");
        assertThat(crossed.doc().path("done").asBoolean()).isTrue();
    }

    @Test
    void localSubscribersGetTheEventsOfTheirOwnNodeOnly() throws Exception {
        List<String> reactionsOnB = new CopyOnWriteArrayList<>();
        nodeB.subscribeLocal(ALICE, e -> reactionsOnB.add(e.id()));
        nodeA.publish(event(ALICE, "written-on-a"));
        nodeB.publish(event(ALICE, "written-on-b"));
        await(() -> seenOnB.contains("written-on-a"), "the event from A");
        assertThat(reactionsOnB).containsExactly("written-on-b");
    }

    @Test
    void eventsGoOnlyToTheSubscribersOfTheirInstance() throws Exception {
        nodeA.publish(event("bob.test", "b1"));
        nodeA.publish(event("carol.test", "c1"));
        nodeA.publish(event(ALICE, "a1"));
        await(() -> seenOnB.contains("a1"), "alice's event");
        assertThat(seenOnB).containsExactly("bob:b1", "a1");
        assertThat(seenOnA).containsExactly("a1");
    }

    @Test
    void theRelaysComeBackAfterRedisRestarts() throws Exception {
        nodeA.publish(event(ALICE, "before"));
        await(() -> seenOnB.contains("before"), "the first event");
        redis.kill();
        await(() -> !RedisServer.subscribed(relayA) && !RedisServer.subscribed(relayB), "the relays to see Redis gone");
        nodeA.publish(event(ALICE, "local-only"));
        assertThat(seenOnA).contains("local-only");
        redis.start();
        awaitSubscribed();
        nodeB.publish(event(ALICE, "after"));
        await(() -> seenOnA.contains("after"), "an event through the restarted Redis");
        assertThat(seenOnA).containsOnlyOnce("after");
    }

    @Test
    void foreignMessagesOnTheChannelAreIgnored() throws Exception {
        redis.publishRaw("not an event".getBytes(StandardCharsets.UTF_8));
        redis.publishRaw("{\"node\":\"x\",\"verb\":\"EXPLODED\",\"doc\":{}}".getBytes(StandardCharsets.UTF_8));
        nodeA.publish(event(ALICE, "real"));
        await(() -> seenOnB.contains("real"), "the real event");
        assertThat(seenOnB).containsExactly("real");
    }

    @Test
    void aHubThatLetsGoOfItsRelayNoLongerReceives() throws Exception {
        nodeB.unbindRelay(relayB);
        nodeA.publish(event(ALICE, "1"));
        nodeB.publish(event(ALICE, "2"));
        Thread.sleep(300);
        assertThat(seenOnB).containsExactly("2");
        assertThat(seenOnA).containsExactly("1");
    }
}
