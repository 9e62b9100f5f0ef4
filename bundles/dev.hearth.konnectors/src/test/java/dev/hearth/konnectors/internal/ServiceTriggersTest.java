package dev.hearth.konnectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppManifest.Service;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.jobs.JobsService;
import dev.hearth.jobs.Trigger;
import dev.hearth.jobs.TriggerRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceTriggersTest {
    private static final String DOMAIN = "alice.example";
    private static final Service COPY = new Service("copy", "node", "copy.js", "@event io.cozy.notes:CREATED", "");
    private static final Service DAILY = new Service("daily", "node", "daily.js", "@daily", "");
    private static final Service ON_DEMAND = new Service("manual", "node", "manual.js", ServiceTriggers.ON_DEMAND, "");

    /** The triggers of one instance, kept in memory: what the reconciliation reads and writes. */
    private final Map<String, ObjectNode> stored = new ConcurrentHashMap<>();

    private final AtomicInteger ids = new AtomicInteger();
    private final ServiceTriggers triggers = new ServiceTriggers(jobs());

    @Test
    void anInstallMakesOneTriggerPerTriggeredServiceAndAgainNothing() {
        triggers.reconcile(DOMAIN, "notes", List.of(COPY, DAILY, ON_DEMAND), true);
        List<String> first = ids();
        assertThat(first).hasSize(2);
        assertThat(types()).containsExactlyInAnyOrder("@event", "@daily");

        triggers.reconcile(DOMAIN, "notes", List.of(COPY, DAILY, ON_DEMAND), false);
        assertThat(ids()).containsExactlyInAnyOrderElementsOf(first);
    }

    @Test
    void theHookAndTheStartCheckTogetherNeverDuplicateATrigger() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                stored.clear();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    boolean strict = i % 2 == 0;
                    calls.add(pool.submit(() -> {
                        go.await();
                        triggers.reconcile(DOMAIN, "notes", List.of(COPY, DAILY), strict);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> call : calls) {
                    call.get();
                }
                assertThat(types()).as("round %d", round).containsExactlyInAnyOrder("@event", "@daily");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUpdateReplacesAChangedServiceAndDropsAGoneOne() {
        triggers.reconcile(DOMAIN, "notes", List.of(COPY, DAILY), true);
        String copyId = idOf("copy");
        Service changed = new Service("copy", "node", "copy.js", "@event io.cozy.notes:UPDATED", "");

        triggers.reconcile(DOMAIN, "notes", List.of(changed), true);

        assertThat(stored).hasSize(1);
        ObjectNode left = stored.values().iterator().next();
        assertThat(left.path("arguments").asText()).isEqualTo("io.cozy.notes:UPDATED");
        assertThat(left.path("_id").asText()).isNotEqualTo(copyId);
    }

    @Test
    void anUninstallRemovesOnlyTheTriggersOfItsApp() {
        triggers.reconcile(DOMAIN, "notes", List.of(COPY), true);
        triggers.reconcile(DOMAIN, "todos", List.of(DAILY), true);

        triggers.removeAll(DOMAIN, "notes");

        assertThat(stored.values())
                .extracting(d -> d.path("message").path("slug").asText())
                .containsExactly("todos");
    }

    @Test
    void aRefusedTriggerFailsTheInstallButOnlyIsLoggedAtTheStartCheck() {
        Service bogus = new Service("bad", "node", "bad.js", "@bogus whenever", "");

        assertThatThrownBy(() -> triggers.reconcile(DOMAIN, "notes", List.of(COPY, bogus), true))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("@bogus whenever")
                .hasMessageContaining("bad")
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));

        stored.clear();
        triggers.reconcile(DOMAIN, "notes", List.of(COPY, bogus), false);
        assertThat(types()).containsExactly("@event");
    }

    private List<String> ids() {
        return stored.keySet().stream().sorted().toList();
    }

    private List<String> types() {
        return stored.values().stream().map(d -> d.path("type").asText()).toList();
    }

    private String idOf(String service) {
        return stored.values().stream()
                .filter(d -> d.path("message").path("name").asText().equals(service))
                .map(d -> d.path("_id").asText())
                .findFirst()
                .orElseThrow();
    }

    /** The three trigger calls of the jobs service, over {@link #stored}; an unknown type is refused. */
    private JobsService jobs() {
        return (JobsService) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {JobsService.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "createTrigger" -> {
                            return create((TriggerRequest) args[1]);
                        }
                        case "triggers" -> {
                            @SuppressWarnings("unchecked")
                            Set<String> workers = (Set<String>) args[1];
                            return stored.values().stream()
                                    .filter(d ->
                                            workers.contains(d.path("worker").asText()))
                                    .map(Trigger::new)
                                    .toList();
                        }
                        case "deleteTrigger" -> {
                            if (stored.remove((String) args[1]) == null) {
                                throw ApiException.notFound("Trigger not found");
                            }
                            return null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private Trigger create(TriggerRequest request) {
        if (!Set.of("@event", "@daily").contains(request.type())) {
            throw ApiException.badRequest("Unknown trigger type " + request.type());
        }
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", "t" + ids.incrementAndGet());
        doc.put("type", request.type());
        doc.put("worker", request.worker());
        doc.put("arguments", request.arguments());
        if (request.debounce() != null) {
            doc.put("debounce", request.debounce());
        }
        doc.set("message", request.message());
        stored.put(doc.path("_id").asText(), doc);
        return new Trigger(doc);
    }
}
