package dev.hearth.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.EventRelay;
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
import org.jspecify.annotations.Nullable;
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

    /** A relay between hubs in one process: what one sends, every other one delivers. */
    private static final class LoopRelay implements EventRelay {
        private final List<LoopRelay> all;
        private volatile @Nullable Consumer<Event> local;
        private final List<String> sent = new CopyOnWriteArrayList<>();

        LoopRelay(List<LoopRelay> all) {
            this.all = all;
            all.add(this);
        }

        @Override
        public void send(Event event) {
            sent.add(event.id());
            for (LoopRelay other : all) {
                Consumer<Event> target = other.local;
                if (other != this && target != null) {
                    target.accept(event);
                }
            }
        }

        @Override
        public void deliverTo(@Nullable Consumer<Event> local) {
            this.local = local;
        }
    }

    @Test
    void aRelayCarriesEventsToTheOtherHubOnceAndNeverBack() {
        List<LoopRelay> relays = new CopyOnWriteArrayList<>();
        RealtimeHubImpl other = new RealtimeHubImpl();
        LoopRelay here = new LoopRelay(relays);
        LoopRelay there = new LoopRelay(relays);
        hub.bindRelay(here);
        other.bindRelay(there);
        List<String> seenHere = new CopyOnWriteArrayList<>();
        List<String> seenThere = new CopyOnWriteArrayList<>();
        hub.subscribe("alice.test", e -> seenHere.add(e.id()));
        other.subscribe("alice.test", e -> seenThere.add(e.id()));

        hub.publish(event("alice.test", "1"));
        other.publish(event("alice.test", "2"));
        assertThat(seenHere).containsExactly("1", "2");
        assertThat(seenThere).containsExactly("1", "2");
        assertThat(here.sent).containsExactly("1");
        assertThat(there.sent).containsExactly("2");

        List<String> localHere = new CopyOnWriteArrayList<>();
        hub.subscribeLocal("alice.test", e -> localHere.add(e.id()));
        hub.publish(event("alice.test", "a"));
        other.publish(event("alice.test", "b"));
        assertThat(localHere)
                .as("local subscribers get this node's events only")
                .containsExactly("a");
        seenHere.removeAll(List.of("a", "b"));
        seenThere.removeAll(List.of("a", "b"));

        hub.unbindRelay(here);
        assertThat(here.local).isNull();
        other.publish(event("alice.test", "3"));
        hub.publish(event("alice.test", "4"));
        assertThat(seenHere).containsExactly("1", "2", "4");
        assertThat(seenThere).containsExactly("1", "2", "3");
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

    @Test
    void withARelayTheDocumentIsMadeForTheOtherNodesAndFiltersStillApply() {
        List<LoopRelay> relays = new CopyOnWriteArrayList<>();
        RealtimeHubImpl other = new RealtimeHubImpl();
        LoopRelay here = new LoopRelay(relays);
        hub.bindRelay(here);
        other.bindRelay(new LoopRelay(relays));
        List<String> notesThere = new CopyOnWriteArrayList<>();
        List<String> todosHere = new CopyOnWriteArrayList<>();
        other.subscribe("alice.test", "io.cozy.notes"::equals, e -> notesThere.add(e.id()));
        hub.subscribeLocal("alice.test", "io.cozy.todos"::equals, e -> todosHere.add(e.id()));

        hub.publish(
                "alice.test",
                Event.Verb.CREATED,
                "io.cozy.notes",
                "n1",
                () -> JsonNodeFactory.instance.objectNode().put("_id", "n1"));
        other.publish(event("alice.test", "t1"));

        assertThat(here.sent)
                .as("no local subscriber, yet sent to the other node")
                .containsExactly("n1");
        assertThat(notesThere).containsExactly("n1");
        assertThat(todosHere)
                .as("a local subscriber ignores the other node's events")
                .isEmpty();
    }
}
