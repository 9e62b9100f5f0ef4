package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.Credentials;
import dev.hearth.client.HearthClient;
import dev.hearth.client.ReplicaLink;
import dev.hearth.client.StackLink;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three interchangeable nodes over one PostgreSQL, one Redis and one S3 server ({@link
 * ClusterFixture}): the instance is created once, through the first node, and every node serves it
 * with the same secrets; writes, realtime events, sessions, download secrets and login counters
 * cross nodes; a time trigger creates one job per period and an event trigger one per write,
 * whichever nodes fire them; a replica syncing through a load balancer goes on through another
 * node when its node is killed; then a job whose node is killed runs again on the last node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final String DOMAIN = "alice.cluster.test";
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final String TODOS = "io.cozy.todos";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static ClusterFixture cluster;
    private static String token;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ClusterFixture.start(tmp, 3);
        token = createInstance(DOMAIN);
    }

    /** Creates an instance through the first node only, and a token for it minted there. */
    private static String createInstance(String domain) {
        Distribution a = cluster.node(0);
        Http.Response created = Http.post(a.adminUrl + "/instances?Domain=" + domain + "&Passphrase="
                        + PASSPHRASE.replace(" ", "+") + "&KdfIterations=50000")
                .basic("a", ClusterFixture.ADMIN)
                .send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return Http.post(a.adminUrl + "/instances/token?Domain=" + domain
                        + "&Audience=cli&Scope=io.cozy.files%20io.cozy.todos")
                .basic("a", ClusterFixture.ADMIN)
                .send()
                .body()
                .trim();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Distribution node(int n) {
        return cluster.node(n);
    }

    @Test
    @Order(1)
    void anInstanceCreatedOnceIsServedByEveryNodeWithTheSameSecrets() throws Exception {
        String id = createTodo(0, "written through the first node");
        String rev = readTodo(0, id).path("_rev").asText();
        for (int n = 1; n < 3; n++) {
            assertThat(readTodo(n, id).path("_rev").asText())
                    .as("node %d reads the write with the token minted on the first", n + 1)
                    .isEqualTo(rev);
            Http.Response list = Http.get(node(n).adminUrl + "/instances")
                    .basic("a", ClusterFixture.ADMIN)
                    .send();
            assertThat(list.body()).contains(DOMAIN);
        }
        assertThat(Http.post(node(2).adminUrl + "/instances?Domain=" + DOMAIN)
                        .basic("a", ClusterFixture.ADMIN)
                        .send()
                        .status())
                .as("the domain is taken on every node")
                .isEqualTo(409);
        try (var local = Files.walk(node(0).data)) {
            assertThat(local.map(Path::toString).filter(p -> p.endsWith(".mv.db") || p.endsWith("secrets.json")))
                    .as("no document store and no secrets on a node's disk")
                    .isEmpty();
        }
    }

    @Test
    @Order(2)
    void aSubscriberOnTheThirdNodeSeesTheWritesOfTheOthers() throws Exception {
        RealtimeEvents events = RealtimeEvents.open(node(2), DOMAIN, token);
        String onA = createTodo(0, "written on the first node");
        String onB = createTodo(1, "written on the second node");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode event = events.next();
            assertThat(event.path("event").asText()).isEqualTo("CREATED");
            seen.add(event.path("payload").path("id").asText());
        }
        assertThat(seen).containsExactlyInAnyOrder(onA, onB);
        assertThat(events.frames.poll(1, TimeUnit.SECONDS)).as("no event twice").isNull();
        events.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }

    @Test
    @Order(3)
    void aSessionOpenedOnTheFirstNodeIsValidOnTheOthers() {
        WebClient onA = new WebClient(node(0).publicUrl, DOMAIN);
        Http.Response login = onA.post("/auth/login", LoginSupport.loginForm(onA, PASSPHRASE));
        assertThat(login.status()).as(login.body()).isEqualTo(303);
        for (int n = 1; n < 3; n++) {
            WebClient other = new WebClient(node(n).publicUrl, DOMAIN);
            assertThat(other.get("/").header("Location")).as("no session yet").endsWith("/auth/login");
            onA.cookies().forEach(other::setCookie);
            assertThat(other.get("/").body()).contains("You are logged in.");
        }
    }

    @Test
    @Order(4)
    void fileContentsGoToTheBucketAndADownloadSecretWorksOnceOnAnyNode() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(18).nextBytes(content);
        int before = cluster.objects().size();
        Http.Response created = Http.post(node(0).publicUrl + "/files/io.cozy.files.root-dir?Type=file&Name=big.bin")
                .host(DOMAIN)
                .bearer(token)
                .header("Content-Type", "application/octet-stream")
                .body(content)
                .send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(cluster.objects()).hasSize(before + 1);
        String id = created.json().path("data").path("id").asText();
        Http.Response secret = Http.post(node(0).publicUrl + "/files/downloads?Id=" + id)
                .host(DOMAIN)
                .bearer(token)
                .send();
        assertThat(secret.status()).as(secret.body()).isEqualTo(200);
        String link = secret.json().path("links").path("related").asText();
        Http.BinaryResponse back =
                Http.get(node(2).publicUrl + link).host(DOMAIN).sendForBytes();
        assertThat(back.status()).isEqualTo(200);
        assertThat(MessageDigest.getInstance("MD5").digest(back.body()))
                .isEqualTo(MessageDigest.getInstance("MD5").digest(content));
        assertThat(Http.get(node(1).publicUrl + link).host(DOMAIN).send().status())
                .as("the secret was used up on another node")
                .isEqualTo(404);
    }

    @Test
    @Order(5)
    void loginFailuresAreCountedAcrossNodes() {
        String domain = "bob.cluster.test";
        createInstance(domain);
        for (int i = 0; i < 6; i++) {
            WebClient browser = new WebClient(node(i % 3).publicUrl, domain);
            Http.Response r = browser.post("/auth/login", LoginSupport.loginForm(browser, "wrong passphrase " + i));
            assertThat(r.status())
                    .as("failure %d: %s", i + 1, r.body())
                    .isNotEqualTo(303)
                    .isNotEqualTo(429);
        }
        WebClient browser = new WebClient(node(1).publicUrl, domain);
        Http.Response refused = browser.post("/auth/login", LoginSupport.loginForm(browser, PASSPHRASE));
        assertThat(refused.status())
                .as("six failures spread over three nodes make the next attempt wait")
                .isEqualTo(429);
    }

    @Test
    @Order(6)
    void statusNamesTheBackendsOfEveryNode() {
        for (int n = 0; n < 3; n++) {
            Http.Response status = Http.get(node(n).publicUrl + "/status").send();
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            JsonNode backends = status.json().path("backends");
            assertThat(backends.path("documents").asText()).isEqualTo("dev.hearth.datasystem.postgres");
            assertThat(backends.path("blobs").asText()).isEqualTo("dev.hearth.files.s3");
            assertThat(backends.path("realtime").asText()).isEqualTo("dev.hearth.realtime.redis");
            assertThat(backends.path("instances").asText()).isEqualTo("postgres");
            assertThat(backends.path("short-lived values").asText()).startsWith("redis ");
            assertThat(backends.path("jobs").asText()).isEqualTo("postgres");
            assertThat(status.json().path("redis").asText()).isEqualTo("healthy");
        }
    }

    @Test
    @Order(10)
    void aReplicaGoesOnThroughAnotherNodeWhenItsNodeIsKilled() throws Exception {
        Credentials bearer = Credentials.bearer(token);
        List<String> acknowledged = new ArrayList<>();
        try (CuttableProxy balancer = new CuttableProxy(node(1).publicPort())) {
            StackLink link = new StackLink(URI.create(balancer.url()), bearer, DOMAIN);
            try (ReplicaLink replica = ReplicaLink.builder(link, TestTemp.directory("cluster-replica"))
                            .doctypes(TODOS)
                            .build();
                    HearthClient client =
                            HearthClient.builder().link(replica).link(link).build()) {
                replica.attach(client);
                for (int i = 0; i < 20; i++) {
                    acknowledged.add(
                            client.save(TODOS, todo("replica-" + i)).path("_id").asText());
                }
                assertThat(replica.sync()).isTrue();
                for (int i = 0; i < 10; i++) {
                    acknowledged.add(createTodo(1, "acknowledged by the second node " + i));
                }
                node(1).kill();
                balancer.retarget(node(2).publicPort());
                for (int i = 20; i < 25; i++) {
                    acknowledged.add(
                            client.save(TODOS, todo("replica-" + i)).path("_id").asText());
                }
                String fromA = createTodo(0, "written on the first node after the kill");
                assertThat(replica.sync())
                        .as("the replica syncs through the third node")
                        .isTrue();
                assertThat(client.getDocument(TODOS, fromA))
                        .as("and pulls from it")
                        .isPresent();
            }
        }
        for (String id : acknowledged) {
            assertThat(readTodo(2, id).path("_id").asText()).isEqualTo(id);
        }
    }

    @Test
    @Order(7)
    void anEveryTriggerCreatesOneJobPerPeriodAcrossTheNodes() throws Exception {
        String jobs = ClusterJobs.of(node(0), DOMAIN).token();
        Http.Response created = Http.post(node(0).publicUrl + "/jobs/triggers")
                .host(DOMAIN)
                .bearer(jobs)
                .body("{\"data\":{\"attributes\":{\"type\":\"@every\",\"arguments\":\"1s\",\"worker\":\"log\"}}}")
                .send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("data").path("id").asText();
        Instant origin = Instant.parse(created.json()
                .path("data")
                .path("attributes")
                .path("cozyMetadata")
                .path("createdAt")
                .asText());
        Thread.sleep(7_500);
        Http.Response list = Http.get(node(1).publicUrl + "/jobs/triggers/" + id + "/jobs?Limit=100")
                .host(DOMAIN)
                .bearer(jobs)
                .send();
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        Http.Response deleted = Http.delete(node(2).publicUrl + "/jobs/triggers/" + id)
                .host(DOMAIN)
                .bearer(jobs)
                .send();
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        List<Long> periods = new ArrayList<>();
        for (JsonNode job : list.json().path("data")) {
            Instant queued =
                    Instant.parse(job.path("attributes").path("queued_at").asText());
            periods.add(Duration.between(origin, queued).toMillis() / 1000);
        }
        assertThat(periods).as("one job per period, whichever node fires it").doesNotHaveDuplicates();
        long first = periods.stream().min(Long::compare).orElseThrow();
        long last = periods.stream().max(Long::compare).orElseThrow();
        assertThat(last - first + 1 - periods.size())
                .as("periods without a job in %s", periods)
                .isLessThanOrEqualTo(1);
        assertThat(periods.size()).as("the trigger kept firing: %s", periods).isGreaterThanOrEqualTo(5);
    }

    @Test
    @Order(8)
    void anEventTriggerFiresOnceForEachWriteWhicheverNodeTookIt() throws Exception {
        ClusterJobs jobs = ClusterJobs.of(node(0), DOMAIN);
        Http.Response created = Http.post(node(1).publicUrl + "/jobs/triggers")
                .host(DOMAIN)
                .bearer(jobs.token())
                .body("{\"data\":{\"attributes\":{\"type\":\"@event\",\"arguments\":\"io.cozy.todos:CREATED\","
                        + "\"worker\":\"log\"}}}")
                .send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("data").path("id").asText();
        Thread.sleep(1_000); // the other nodes load the trigger on its notice
        for (int n = 0; n < 3; n++) {
            createTodo(n, "fires the event trigger " + n);
        }
        jobs.awaitJobsOfTrigger(node(0), id, 3, Duration.ofSeconds(20));
        assertThat(jobs.ofTrigger(node(0), id))
                .as("one job per write, on the node that took it")
                .hasSize(3);
        Http.delete(node(0).publicUrl + "/jobs/triggers/" + id)
                .host(DOMAIN)
                .bearer(jobs.token())
                .send();
    }

    @Test
    @Order(11)
    void aJobWhoseNodeIsKilledIsRunAgainOnAnotherCountingTheLostRun() throws Exception {
        ClusterJobs jobs = ClusterJobs.of(node(0), DOMAIN);
        Http.Response pushed = Http.post(node(2).publicUrl + "/jobs/queue/it-echo")
                .host(DOMAIN)
                .bearer(jobs.token())
                .body("{\"data\":{\"attributes\":{\"arguments\":{\"sleep_first_ms\":600000},"
                        + "\"options\":{\"timeout\":900}}}}")
                .send();
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(202);
        String id = pushed.json().path("data").path("id").asText();
        Distribution holder = jobs.awaitRunning(cluster, node(2), id, Duration.ofSeconds(30));
        assertThat(jobs.job(node(0), id).path("exec_count").asInt())
                .as("every node shows it running")
                .isEqualTo(1);
        assertThat(jobs.job(node(0), id).path("state").asText()).isEqualTo("running");
        Distribution survivor = holder == node(0) ? node(2) : node(0);
        holder.kill();
        JsonNode job = jobs.awaitDone(survivor, id, Duration.ofSeconds(60));
        assertThat(job.path("exec_count").asInt()).as("the killed run counts").isEqualTo(2);
        assertThat(job.path("result").path("attempt").asInt()).isEqualTo(2);
        assertThat(cluster.nodeHolding(id)).as("its end let it go").isNull();
    }

    private static ObjectNode todo(String id) {
        return JSON.createObjectNode().put("_id", id).put("label", "todo " + id);
    }

    private static JsonNode readTodo(int node, String id) {
        Http.Response r = Http.get(node(node).publicUrl + "/data/" + TODOS + "/" + id)
                .host(DOMAIN)
                .bearer(token)
                .send();
        assertThat(r.status()).as("%s on node %d: %s", id, node + 1, r.body()).isEqualTo(200);
        return r.json();
    }

    private static String createTodo(int node, String label) {
        Http.Response r = Http.post(node(node).publicUrl + "/data/" + TODOS + "/")
                .host(DOMAIN)
                .bearer(token)
                .header("Content-Type", "application/json")
                .body("{\"label\":\"" + label + "\"}")
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asText();
    }
}
