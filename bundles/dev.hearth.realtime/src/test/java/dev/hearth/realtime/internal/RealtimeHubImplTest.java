package dev.hearth.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.RealtimeHub.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The in-process hub: delivery per instance, order, isolation of failures, subscription lifecycle. */
class RealtimeHubImplTest {
    private final RealtimeHubImpl hub = new RealtimeHubImpl();

    private static Event event(String domain, String id) {
        return new Event(
                domain,
                Event.Verb.CREATED,
                "io.cozy.todos",
                id,
                JsonNodeFactory.instance.objectNode().put("_id", id));
    }

    @Test
    void deliversTheEventsOfItsInstanceInPublicationOrder() {
        List<String> alice = new CopyOnWriteArrayList<>();
        List<String> bob = new CopyOnWriteArrayList<>();
        hub.subscribe("alice.test", e -> alice.add(e.id()));
        hub.subscribe("bob.test", e -> bob.add(e.id()));
        hub.publish(event("alice.test", "1"));
        hub.publish(event("bob.test", "2"));
        hub.publish(event("alice.test", "3"));
        hub.publish(event("carol.test", "4"));
        assertThat(alice).containsExactly("1", "3");
        assertThat(bob).containsExactly("2");
    }

    @Test
    void closingASubscriptionStopsItsDeliveryOnlyOnce() {
        List<String> got = new CopyOnWriteArrayList<>();
        Consumer<Event> same = e -> got.add(e.id());
        Subscription first = hub.subscribe("alice.test", same);
        Subscription second = hub.subscribe("alice.test", same);
        hub.publish(event("alice.test", "1"));
        first.close();
        first.close();
        hub.publish(event("alice.test", "2"));
        assertThat(got).containsExactly("1", "1", "2");
        assertThat(hub.subscriberCount("alice.test")).isEqualTo(1);
        second.close();
        hub.publish(event("alice.test", "3"));
        assertThat(got).containsExactly("1", "1", "2");
        assertThat(hub.subscriberCount("alice.test")).isZero();
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthers() {
        List<String> got = new CopyOnWriteArrayList<>();
        hub.subscribe("alice.test", e -> {
            throw new IllegalStateException("boom");
        });
        hub.subscribe("alice.test", e -> got.add(e.id()));
        hub.publish(event("alice.test", "1"));
        assertThat(got).containsExactly("1");
    }

    @Test
    void aSubscriberMayUnsubscribeWhileBeingCalled() {
        List<String> got = new CopyOnWriteArrayList<>();
        Subscription[] self = new Subscription[1];
        self[0] = hub.subscribe("alice.test", e -> {
            got.add(e.id());
            self[0].close();
        });
        hub.publish(event("alice.test", "1"));
        hub.publish(event("alice.test", "2"));
        assertThat(got).containsExactly("1");
    }

    @Test
    void subscribingWhileTheLastSubscriberLeavesLosesNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2_000; round++) {
                String domain = "race" + round + ".test";
                List<String> got = new CopyOnWriteArrayList<>();
                Subscription leaving = hub.subscribe(domain, e -> {});
                CountDownLatch start = new CountDownLatch(1);
                Future<?> close = pool.submit(() -> {
                    start.await();
                    leaving.close();
                    return null;
                });
                Future<Subscription> join = pool.submit(() -> {
                    start.await();
                    return hub.subscribe(domain, e -> got.add(e.id()));
                });
                start.countDown();
                close.get();
                join.get();
                hub.publish(event(domain, "x"));
                assertThat(got).as("round %d", round).containsExactly("x");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDocumentIsMadeOnlyWhenASubscriberFollowsItsDoctype() {
        List<String> todos = new CopyOnWriteArrayList<>();
        List<String> everything = new CopyOnWriteArrayList<>();
        AtomicInteger made = new AtomicInteger();
        Supplier<ObjectNode> doc = () -> {
            made.incrementAndGet();
            return JsonNodeFactory.instance.objectNode().put("_id", "1");
        };
        hub.subscribe("alice.test", "io.cozy.todos"::equals, e -> todos.add(e.doctype() + " " + e.doc()));
        hub.publish("alice.test", Event.Verb.CREATED, "io.cozy.notes", "1", doc);
        assertThat(made).as("no subscriber follows notes").hasValue(0);
        hub.publish("bob.test", Event.Verb.CREATED, "io.cozy.todos", "1", doc);
        assertThat(made).as("no subscriber of bob").hasValue(0);

        Subscription all = hub.subscribe("alice.test", e -> everything.add(e.doctype()));
        hub.publish("alice.test", Event.Verb.CREATED, "io.cozy.todos", "1", doc);
        assertThat(made).as("made once for two subscribers").hasValue(1);
        hub.publish("alice.test", Event.Verb.UPDATED, "io.cozy.notes", "1", doc);
        assertThat(made).hasValue(2);
        assertThat(todos).containsExactly("io.cozy.todos {\"_id\":\"1\"}");
        assertThat(everything).containsExactly("io.cozy.todos", "io.cozy.notes");

        hub.publish(event("alice.test", "2"));
        assertThat(todos).as("a whole event goes through the same filter").hasSize(2);
        all.close();
        hub.publish("alice.test", Event.Verb.UPDATED, "io.cozy.notes", "1", doc);
        assertThat(made).hasValue(2);
    }
}
