package dev.hearth.jobs.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.datasystem.postgres.internal.PgServer;
import dev.hearth.jobs.JobsBackend;
import dev.hearth.jobs.JobsBackend.Claim;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared queue of several nodes on a real PostgreSQL: atomic claims, leases, notices. */
class PgJobsTest {
    private static PgServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PgServer.start().migrated();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void empty() throws Exception {
        try (Connection c = server.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM job_queue");
        }
    }

    private static PgJobs node(int leaseSeconds) {
        return new PgJobs(server.dataSource(), leaseSeconds);
    }

    @Test
    void nodesClaimingAtOnceTakeEveryJobExactlyOnce() throws Exception {
        PgJobs a = node(30);
        PgJobs b = node(30);
        for (int i = 0; i < 300; i++) {
            a.offer("d" + (i % 7) + ".test", "job" + i, "w");
        }
        a.offer("d0.test", "job0", "w"); // offered twice: one row
        List<Claim> taken = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            PgJobs node = t % 2 == 0 ? a : b;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    List<Claim> got;
                    while (!(got = node.claim("w", 7)).isEmpty()) {
                        taken.addAll(got);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(taken).hasSize(300).doesNotHaveDuplicates();
        assertThat(a.claim("w", 10)).as("all held by live nodes").isEmpty();
        assertThat(b.claim("other", 10)).isEmpty();
        a.deactivate();
        b.deactivate();
    }

    @Test
    void aClaimTakesTheInstancesInTurnOldestFirst() {
        PgJobs a = node(30);
        for (int i = 0; i < 10; i++) {
            a.offer("busy.test", "b" + i, "w");
        }
        a.offer("quiet.test", "q0", "w");
        assertThat(a.claim("w", 3))
                .containsExactly(
                        new Claim("busy.test", "b0"), new Claim("quiet.test", "q0"), new Claim("busy.test", "b1"));
        a.deactivate();
    }

    @Test
    void theJobsOfANodeThatStoppedBeatingAreClaimedAgainOnceTheirLeasePassed() throws Exception {
        PgJobs dying = node(1);
        PgJobs living = node(1);
        PgJobs other = node(1);
        dying.offer("a.test", "j1", "w");
        living.offer("a.test", "j2", "w");
        assertThat(dying.claim("w", 1)).containsExactly(new Claim("a.test", "j1"));
        assertThat(living.claim("w", 1)).containsExactly(new Claim("a.test", "j2"));
        dying.deactivate(); // as a kill: no heartbeat, nothing given up
        assertThat(other.claim("w", 5)).as("the lease still runs").isEmpty();
        Thread.sleep(2500);
        assertThat(other.claim("w", 5))
                .as("j2's node renewed its lease; j1's did not")
                .containsExactly(new Claim("a.test", "j1"));
        assertThat(claims("a.test", "j1")).as("claimed twice").isEqualTo(2);
        assertThat(owner("a.test", "j1")).isEqualTo(other.node());
        living.deactivate();
        other.deactivate();
    }

    @Test
    void aJobDoneIsNeverClaimedAgainAndJobsGivenUpAreClaimedAtOnce() {
        PgJobs a = node(30);
        PgJobs b = node(30);
        a.offer("a.test", "done", "w");
        a.offer("a.test", "kept", "w");
        a.offer("a.test", "handed", "w");
        assertThat(a.claim("w", 5)).hasSize(3);
        b.release("a.test", "handed"); // not b's: nothing
        assertThat(b.claim("w", 5)).isEmpty();
        a.release("a.test", "handed"); // its worker left a
        assertThat(b.claim("w", 5)).containsExactly(new Claim("a.test", "handed"));
        a.done("a.test", "done");
        a.releaseAll(); // a clean stop
        assertThat(b.claim("w", 5)).containsExactly(new Claim("a.test", "kept"));
        b.done("a.test", "kept");
        b.offer("a.test", "kept", "w"); // re-offered after its end: a new row, claimable
        assertThat(a.claim("w", 5)).containsExactly(new Claim("a.test", "kept"));
        a.deactivate();
        b.deactivate();
    }

    @Test
    void everyNodeHearsOffersAndTriggerChanges() throws Exception {
        PgJobs a = node(30);
        PgJobs b = node(30);
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (AutoCloseable watch = b.watch(new JobsBackend.Listener() {
            @Override
            public void offered(String worker) {
                heard.add("offered " + worker);
            }

            @Override
            public void triggerChanged(String domain, String id) {
                heard.add("trigger " + domain + " " + id);
            }

            @Override
            public void missed() {
                heard.add("missed");
            }
        })) {
            awaitListening(a, heard);
            a.offer("a.test", "j1", "sendmail");
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("offered sendmail");
            a.offer("a.test", "j1", "sendmail");
            a.triggerChanged("a.test", "t1");
            assertThat(heard.poll(10, TimeUnit.SECONDS))
                    .as("an offer already made is not told again")
                    .isEqualTo("trigger a.test t1");
        }
        a.deactivate();
        b.deactivate();
    }

    /** Sends trigger notices until the watch hears one (it listens from its own thread). */
    private static void awaitListening(PgJobs sender, BlockingQueue<String> heard) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            sender.triggerChanged("probe.test", "p");
            String first = heard.poll(100, TimeUnit.MILLISECONDS);
            if (first != null) {
                Thread.sleep(200);
                heard.clear();
                return;
            }
        }
        throw new AssertionError("the watch never listened");
    }

    private static int claims(String domain, String id) throws Exception {
        return Integer.parseInt(column("claims", domain, id));
    }

    private static String owner(String domain, String id) throws Exception {
        return column("node", domain, id);
    }

    private static String column(String column, String domain, String id) throws Exception {
        try (Connection c = server.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT " + column + " FROM job_queue WHERE domain = '" + domain + "' AND id = '" + id + "'")) {
            assertThat(r.next()).isTrue();
            return r.getString(1);
        }
    }
}
