package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.PermissionSet;
import dev.hearth.client.ClientException;
import dev.hearth.client.Credentials;
import dev.hearth.client.FetchStatus;
import dev.hearth.client.HearthClient;
import dev.hearth.client.OAuthCredentials;
import dev.hearth.client.Q;
import dev.hearth.client.QueryOptions;
import dev.hearth.client.QueryState;
import dev.hearth.client.Realtime;
import dev.hearth.client.StackLink;
import dev.hearth.client.local.LocalLink;
import dev.hearth.datasystem.DataService;
import java.net.URI;
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

/**
 * The Java client (dev.hearth.client, installed in the distribution) against the running server
 * over real HTTP: queries with the indexes they create, mutations, conflicts, OAuth token
 * refresh, a second client's writes reaching the first client's queries through realtime, and the
 * local link running in process inside Felix.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClientIT extends HearthTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TODOS = "io.cozy.todos";
    private static final Q OPEN = Q.of(TODOS).where("{\"done\":false}").sortBy("priority");

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private HearthClient client(String domain, Credentials credentials) {
        StackLink link = new StackLink(URI.create(publicUrl()), credentials, domain);
        return HearthClient.builder().link(link).build();
    }

    private static ObjectNode todo(String id, int priority, boolean done) {
        return JSON.createObjectNode()
                .put("_id", id)
                .put("label", "todo " + id)
                .put("priority", priority)
                .put("done", done);
    }

    @Test
    public void queriesCreateTheirIndexAndFollowTheClientsOwnWrites() {
        String domain = createInstance("clientq");
        Credentials token = Credentials.bearer(cliToken(domain, TODOS));
        try (HearthClient client = client(domain, token)) {
            for (int i = 0; i < 12; i++) {
                client.save(TODOS, todo(String.format("t%02d", i), i % 4, i % 3 == 0));
            }
            QueryState open = client.query(OPEN, QueryOptions.as("open"));
            assertThat(open.fetchStatus()).as("%s", open.lastError()).isEqualTo(FetchStatus.LOADED);
            assertThat(open.ids()).hasSize(8);
            assertThat(open.data().stream().map(d -> d.path("priority").asInt()).toList())
                    .isSorted();

            QueryState paged = client.query(OPEN.limitBy(3), QueryOptions.as("paged"));
            assertThat(paged.hasMore()).isTrue();
            assertThat(client.fetchMore("paged").ids()).hasSize(6);

            ObjectNode created = client.save(TODOS, todo("new", 0, false));
            assertThat(client.getQuery("open").orElseThrow().ids()).hasSize(9).startsWith("new");
            client.destroy(TODOS, created);
            assertThat(client.getQuery("open").orElseThrow().ids()).hasSize(8).doesNotContain("new");

            QueryState byIds = client.query(Q.getByIds(TODOS, "t02", "t01", "nope"), QueryOptions.as("ids"));
            assertThat(byIds.ids()).containsExactly("t02", "t01");
            assertThat(client.query(Q.getById(TODOS, "nope"), QueryOptions.as("missing"))
                            .lastError())
                    .isInstanceOf(ClientException.NotFoundException.class);
        }
    }

    @Test
    public void aLocalLinkRunsInsideFelixUnderItsPermissionSet() {
        String domain = createInstance("clientlocal");
        DataService data = context.getService(context.getServiceReference(DataService.class));
        LocalLink inProcess = new LocalLink(data, domain, PermissionSet.parseScope(TODOS));
        try (HearthClient local = HearthClient.builder().link(inProcess).build();
                HearthClient remote = client(domain, Credentials.bearer(cliToken(domain, TODOS)))) {
            local.save(TODOS, todo("l1", 1, false));
            assertThat(remote.query(OPEN, QueryOptions.as("open")).ids()).containsExactly("l1");
            remote.save(TODOS, todo("r1", 0, false));
            assertThat(local.query(OPEN, QueryOptions.as("open")).ids()).containsExactly("r1", "l1");
            assertThat(local.query(Q.of("io.cozy.notes"), QueryOptions.as("notes"))
                            .lastError())
                    .isInstanceOf(ClientException.ForbiddenException.class);
        }
    }

    @Test
    public void aWriteOnAStaleRevisionIsAConflict() {
        String domain = createInstance("clientc");
        Credentials token = Credentials.bearer(cliToken(domain, TODOS));
        try (HearthClient a = client(domain, token);
                HearthClient b = client(domain, token)) {
            ObjectNode first = a.save(TODOS, todo("c1", 1, false));
            b.save(TODOS, first.deepCopy().put("label", "b wins"));
            assertThatThrownBy(() -> a.save(TODOS, first.deepCopy().put("label", "a loses")))
                    .isInstanceOf(ClientException.ConflictException.class)
                    .satisfies(e -> assertThat(((ClientException) e).status()).isEqualTo(409));
            assertThat(a.query(Q.of("io.cozy.sessions"), QueryOptions.as("reserved"))
                            .lastError())
                    .isInstanceOf(ClientException.ForbiddenException.class);
        }
    }

    @Test
    public void anExpiredAccessTokenIsRefreshedOnceAndTheRequestRetried() throws Exception {
        String domain = createInstance("clientoauth");
        Http.Response registered = adminPost("/instances/oauth_client?Domain=" + domain
                + "&RedirectURI=http://localhost/cb&ClientName=javaclient&SoftwareID=javaclient");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        String id = registered.json().path("client_id").asText();
        String secret = registered.json().path("client_secret").asText();
        String expiring = adminToken(domain, "Audience=access&Subject=" + id + "&Scope=" + TODOS + "&Expire=1s");
        String refresh = adminToken(domain, "Audience=refresh&Subject=" + id + "&Scope=" + TODOS);
        OAuthCredentials oauth = new OAuthCredentials(URI.create(publicUrl()), domain, id, secret, expiring, refresh);
        Thread.sleep(2100);
        try (HearthClient client = client(domain, oauth)) {
            ObjectNode saved = client.save(TODOS, todo("o1", 1, false));
            assertThat(saved.path("_rev").asText()).startsWith("1-");
            assertThat(oauth.token()).isNotEqualTo(expiring);
        }
        OAuthCredentials revoked =
                new OAuthCredentials(URI.create(publicUrl()), domain, id, "wrong", expiring, refresh);
        try (HearthClient client = client(domain, revoked)) {
            assertThatThrownBy(() -> client.save(TODOS, todo("o2", 1, false)))
                    .isInstanceOf(ClientException.AuthenticationException.class);
        }
    }

    @Test
    public void aSecondClientsWritesReachTheFirstClientsQueriesThroughRealtime() throws Exception {
        String domain = createInstance("clientrt");
        Credentials token = Credentials.bearer(cliToken(domain, TODOS));
        StackLink link = new StackLink(URI.create(publicUrl()), token, domain);
        try (HearthClient first = HearthClient.builder().link(link).build();
                HearthClient second = client(domain, token)) {
            second.save(TODOS, todo("a", 2, false));
            assertThat(first.query(OPEN, QueryOptions.as("open")).ids()).containsExactly("a");
            try (Realtime realtime = Realtime.connect(first, link)) {
                realtime.flush();
                ObjectNode probe = subscribed(first, second);

                ObjectNode b = second.save(TODOS, todo("b", 1, false));
                awaitIds(first, ids -> ids.equals(List.of("b", "a")));

                second.save(TODOS, b.deepCopy().put("done", true));
                awaitIds(first, ids -> ids.equals(List.of("a")));

                second.destroy(TODOS, probe);
                second.save(TODOS, todo("c", 0, false));
                awaitIds(first, ids -> ids.equals(List.of("c", "a")));
                assertThat(first.getDocument(TODOS, probe.path("_id").asText())).isEmpty();
                assertThat(realtime.lastError()).isNull();
            }
        }
    }

    /** Writes probes (not in the query) until one reaches the first client: it is then subscribed. */
    private static ObjectNode subscribed(HearthClient first, HearthClient second) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            ObjectNode probe = second.save(TODOS, todo("probe" + i, 9, true));
            for (int wait = 0; wait < 10; wait++) {
                if (first.getDocument(TODOS, "probe" + i).isPresent()) {
                    return probe;
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("No realtime event reached the first client");
    }

    private static void awaitIds(HearthClient client, Predicate<List<String>> expected) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
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
