package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.Credentials;
import dev.hearth.client.FetchStatus;
import dev.hearth.client.HearthClient;
import dev.hearth.client.Q;
import dev.hearth.client.QueryOptions;
import dev.hearth.client.QueryState;
import dev.hearth.client.Realtime;
import dev.hearth.client.ReplicaLink;
import dev.hearth.client.StackLink;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The Java client's replica and realtime reconnection against the running server: a replica
 * answers offline (its link to the server cut by a relay that closes every connection), takes
 * writes, and syncs both ways by the replication protocol once back, a conflict ending with the
 * same winner on both sides; a realtime socket the server closes (its realtime area restarting)
 * or the network cuts is opened again and the writes and deletions made meanwhile reach the
 * queries.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReplicaIT extends HearthTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TODOS = "io.cozy.todos";
    private static final Q OPEN = Q.of(TODOS).where("{\"done\":false}").sortBy("priority");

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private static ObjectNode todo(String id, int priority) {
        return JSON.createObjectNode()
                .put("_id", id)
                .put("label", "todo " + id)
                .put("priority", priority)
                .put("done", false);
    }

    private JsonNode serverDoc(String domain, String token, String id) {
        Http.Response r = Http.get(publicUrl() + "/data/" + TODOS + "/" + id + "?conflicts=true")
                .host(domain)
                .bearer(token)
                .json()
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    public void aReplicaAnswersOfflineAndSyncsBothWaysWhenBack() throws Exception {
        String domain = createInstance("replica");
        String token = cliToken(domain, TODOS);
        Path dir = TestTemp.directory("replica");
        StackLink direct = new StackLink(URI.create(publicUrl()), Credentials.bearer(token), domain);
        try (CuttableProxy proxy = new CuttableProxy(publicPort());
                HearthClient other = HearthClient.builder().link(direct).build()) {
            StackLink proxied = new StackLink(URI.create(proxy.url()), Credentials.bearer(token), domain);
            ObjectNode a = other.save(TODOS, todo("a", 2));
            ObjectNode b = other.save(TODOS, todo("b", 1));
            try (ReplicaLink replica =
                            ReplicaLink.builder(proxied, dir).doctypes(TODOS).build();
                    HearthClient client =
                            HearthClient.builder().link(replica).link(proxied).build()) {
                replica.attach(client);
                assertThat(replica.sync()).isTrue();
                assertThat(replica.synced(TODOS)).isTrue();

                proxy.cut();
                assertThat(replica.sync()).as("the server cannot be reached").isFalse();
                QueryState offline = client.query(OPEN, QueryOptions.as("open"));
                assertThat(offline.fetchStatus()).isEqualTo(FetchStatus.LOADED);
                assertThat(offline.ids()).containsExactly("b", "a");

                ObjectNode c = client.save(TODOS, todo("c", 0));
                ObjectNode mine = client.save(TODOS, b.deepCopy().put("label", "edited on the replica"));
                ObjectNode theirs = other.save(TODOS, b.deepCopy().put("label", "edited on the server"));
                other.save(TODOS, todo("d", 3));
                other.destroy(TODOS, a);
                assertThat(client.getQuery("open").orElseThrow().ids()).containsExactly("c", "b", "a");

                proxy.restore();
                assertThat(replica.sync()).isTrue();
                assertThat(serverDoc(domain, token, "c").path("_rev").asText())
                        .as("the offline write reached the server with its revision")
                        .isEqualTo(c.path("_rev").asText());
                assertThat(client.getQuery("open").orElseThrow().ids())
                        .as("the server's writes and deletion reached the replica and the query")
                        .containsExactly("c", "b", "d");

                JsonNode onServer = serverDoc(domain, token, "b");
                String winner = client.getDocument(TODOS, "b")
                        .orElseThrow()
                        .path("_rev")
                        .asText();
                assertThat(onServer.path("_rev").asText())
                        .as("the same winner on both sides")
                        .isEqualTo(winner);
                assertThat(List.of(
                                mine.path("_rev").asText(), theirs.path("_rev").asText()))
                        .contains(winner);
                assertThat(onServer.path("_conflicts").toString())
                        .contains(
                                winner.equals(mine.path("_rev").asText())
                                        ? theirs.path("_rev").asText()
                                        : mine.path("_rev").asText());
            }
        }
    }

    @Test
    public void aRealtimeSocketTheServerClosesIsOpenedAgainAndMissedChangesArrive() throws Exception {
        String domain = createInstance("reconnect");
        Credentials token = Credentials.bearer(cliToken(domain, TODOS));
        StackLink link = new StackLink(URI.create(publicUrl()), token, domain);
        Bundle area = bundle("dev.hearth.realtime.http");
        try (HearthClient first = HearthClient.builder().link(link).build();
                HearthClient second = HearthClient.builder().link(link).build()) {
            ObjectNode a = second.save(TODOS, todo("a", 2));
            assertThat(first.query(OPEN, QueryOptions.as("open")).ids()).containsExactly("a");
            try (Realtime realtime = Realtime.connect(first, link)) {
                area.stop();
                awaitTrue(() -> !realtime.connected());
                second.save(TODOS, todo("b", 1));
                second.destroy(TODOS, a);
                area.start();

                awaitIds(first, ids -> ids.equals(List.of("b")));
                assertThat(realtime.reconnections()).isGreaterThanOrEqualTo(1);
                assertThat(first.getDocument(TODOS, "a")).isEmpty();

                second.save(TODOS, todo("c", 0));
                awaitIds(first, ids -> ids.equals(List.of("c", "b")));
            } finally {
                if (area.getState() != Bundle.ACTIVE) {
                    area.start();
                }
            }
        }
    }

    @Test
    public void aRealtimeSocketCutByTheNetworkComesBackWithTheWritesMadeWhileCut() throws Exception {
        String domain = createInstance("netcut");
        Credentials token = Credentials.bearer(cliToken(domain, TODOS));
        StackLink direct = new StackLink(URI.create(publicUrl()), token, domain);
        try (CuttableProxy proxy = new CuttableProxy(publicPort());
                HearthClient second = HearthClient.builder().link(direct).build()) {
            StackLink proxied = new StackLink(URI.create(proxy.url()), token, domain);
            try (HearthClient first = HearthClient.builder().link(proxied).build()) {
                second.save(TODOS, todo("a", 2));
                assertThat(first.query(OPEN, QueryOptions.as("open")).ids()).containsExactly("a");
                try (Realtime realtime = Realtime.connect(first, proxied)) {
                    proxy.cut();
                    second.save(TODOS, todo("b", 1));
                    Thread.sleep(500);
                    assertThat(first.getQuery("open").orElseThrow().ids())
                            .as("nothing reaches the client while cut")
                            .containsExactly("a");
                    proxy.restore();
                    awaitIds(first, ids -> ids.equals(List.of("b", "a")));
                    assertThat(realtime.reconnections()).isGreaterThanOrEqualTo(1);
                }
            }
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("No bundle " + symbolicName);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("Never happened");
            }
            Thread.sleep(20);
        }
    }

    private static void awaitIds(HearthClient client, Predicate<List<String>> expected) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        List<String> ids = List.of();
        while (Instant.now().isBefore(end)) {
            ids = client.getQuery("open").orElseThrow().ids();
            if (expected.test(ids)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("The query never became as expected: " + ids);
    }
}
