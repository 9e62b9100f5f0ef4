package dev.hearth.jobs.postgres.internal;

import dev.hearth.datasystem.postgres.sql.Jdbc;
import dev.hearth.jobs.JobsBackend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared job queue in the {@code job_queue} table of the placement server (migration {@code
 * V2_1__jobs.sql}). A claim is one transaction: the oldest unheld rows of a worker type are locked
 * with {@code FOR UPDATE SKIP LOCKED}, so nodes claiming at once take different rows without
 * waiting for each other, and up to the asked number are taken from them an instance at a time,
 * stamped with this node's name and a lease end on the server's clock (so the nodes' clocks need
 * not agree). A heartbeat moves the lease end of all this node's rows in one statement. Offers and
 * trigger changes are notices on the {@value #CHANNEL} channel ({@link QueueNotices}).
 *
 * <p>Why PostgreSQL and not Redis lists: the jobs' documents are already on PostgreSQL in a
 * cluster, row locks give the atomic claim and the lease in one place with no second store to keep
 * in step, and a notice sent in the offering statement leaves only once the row is committed.
 */
@Component(configurationPid = PgJobsConfig.PID, property = JobsBackend.PROPERTY + "=postgres")
@Designate(ocd = PgJobsConfig.class)
public final class PgJobs implements JobsBackend {
    private static final Logger LOG = LoggerFactory.getLogger(PgJobs.class);
    static final String CHANNEL = "hearth_jobs";
    /** Rows looked at per job asked for: the instances among them are taken in turn. */
    private static final int CANDIDATES_PER_CLAIM = 4;

    private final DataSource db;
    private final String node;
    private final int leaseSeconds;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("hearth-jobs-heartbeat").factory());

    @Activate
    public PgJobs(@Reference(target = "(hearth.postgres=placement)") DataSource db, PgJobsConfig config) {
        this(db, config.leaseSeconds());
    }

    /** A node's queue with its own name, its heartbeat running. */
    public PgJobs(DataSource db, int leaseSeconds) {
        this.db = db;
        this.leaseSeconds = Math.max(1, leaseSeconds);
        this.node = ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        long every = Math.max(200, TimeUnit.SECONDS.toMillis(this.leaseSeconds) / 3);
        heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops the heartbeat; the claims stay until {@link #releaseAll} or until their lease passes. */
    @Deactivate
    public void deactivate() {
        heartbeat.shutdownNow();
    }

    /** This node's name in the {@code node} column. */
    String node() {
        return node;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void offer(String domain, String id, String worker) {
        exec(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("WITH added AS (INSERT INTO job_queue (domain, id, worker) VALUES (?, ?, ?)"
                            + " ON CONFLICT (domain, id) DO NOTHING RETURNING 1)"
                            + " SELECT pg_notify(?, ?) FROM added")) {
                s.setString(1, domain);
                s.setString(2, id);
                s.setString(3, worker);
                s.setString(4, CHANNEL);
                s.setString(5, QueueNotices.offered(worker));
                s.execute();
            }
        });
    }

    @Override
    public List<Claim> claim(String worker, int max) {
        if (max <= 0) {
            return List.of();
        }
        return transaction(c -> {
            List<Claim> taken = inTurns(candidates(c, worker, max * CANDIDATES_PER_CLAIM), max);
            if (taken.isEmpty()) {
                return taken;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE job_queue SET node = ?,"
                    + " lease_until = clock_timestamp() + make_interval(secs => ?), claims = claims + 1"
                    + " WHERE domain = ? AND id = ?")) {
                for (Claim claim : taken) {
                    s.setString(1, node);
                    s.setInt(2, leaseSeconds);
                    s.setString(3, claim.domain());
                    s.setString(4, claim.id());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return taken;
        });
    }

    /** The oldest rows of a worker type no live node holds, locked; rows other claims locked are skipped. */
    private static List<Claim> candidates(Connection c, String worker, int limit) throws SQLException {
        List<Claim> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT domain, id FROM job_queue WHERE worker = ?"
                + " AND (lease_until IS NULL OR lease_until < clock_timestamp())"
                + " ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED")) {
            s.setString(1, worker);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Claim(r.getString(1), r.getString(2)));
                }
            }
        }
        return out;
    }

    /** Up to {@code max} of the candidates, one per instance in turn, each instance's oldest first. */
    static List<Claim> inTurns(List<Claim> candidates, int max) {
        Map<String, List<Claim>> byDomain = new LinkedHashMap<>();
        candidates.forEach(c ->
                byDomain.computeIfAbsent(c.domain(), d -> new ArrayList<>()).add(c));
        List<Claim> out = new ArrayList<>(Math.min(max, candidates.size()));
        for (int round = 0; out.size() < max && out.size() < candidates.size(); round++) {
            for (List<Claim> jobs : byDomain.values()) {
                if (round < jobs.size() && out.size() < max) {
                    out.add(jobs.get(round));
                }
            }
        }
        return out;
    }

    @Override
    public void done(String domain, String id) {
        exec(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM job_queue WHERE domain = ? AND id = ?")) {
                s.setString(1, domain);
                s.setString(2, id);
                s.executeUpdate();
            }
        });
    }

    @Override
    public void release(String domain, String id) {
        exec(c -> {
            try (PreparedStatement s = c.prepareStatement("WITH freed AS (UPDATE job_queue SET node = NULL,"
                    + " lease_until = NULL WHERE domain = ? AND id = ? AND node = ? RETURNING worker)"
                    + " SELECT pg_notify(?, 'q' || worker) FROM freed")) {
                s.setString(1, domain);
                s.setString(2, id);
                s.setString(3, node);
                s.setString(4, CHANNEL);
                s.execute();
            }
        });
    }

    @Override
    public void releaseAll() {
        exec(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "WITH freed AS (UPDATE job_queue SET node = NULL, lease_until = NULL WHERE node = ?"
                            + " RETURNING worker) SELECT pg_notify(?, 'q' || worker) FROM (SELECT DISTINCT worker"
                            + " FROM freed) w")) {
                s.setString(1, node);
                s.setString(2, CHANNEL);
                s.execute();
            }
        });
    }

    /** Moves the lease end of every row this node holds. */
    private void renew() {
        try {
            exec(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE job_queue"
                        + " SET lease_until = clock_timestamp() + make_interval(secs => ?) WHERE node = ?")) {
                    s.setInt(1, leaseSeconds);
                    s.setString(2, node);
                    s.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("The leases of the claimed jobs could not be renewed; other nodes may take them", e);
        }
    }

    @Override
    public void triggerChanged(String domain, String id) {
        exec(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                s.setString(1, CHANNEL);
                s.setString(2, QueueNotices.trigger(domain, id));
                s.execute();
            }
        });
    }

    @Override
    public AutoCloseable watch(Listener listener) {
        return QueueNotices.start(db, CHANNEL, listener);
    }

    @Override
    public String describe() {
        return "postgres";
    }

    /** Work on one connection that returns nothing. */
    @FunctionalInterface
    interface Update {
        void run(Connection c) throws SQLException;
    }

    private void exec(Update work) {
        run(c -> {
            work.run(c);
            return Boolean.TRUE;
        });
    }

    private <T> T run(Jdbc.Work<T> work) {
        try {
            return Jdbc.read(db, work);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Runs {@code work} in one transaction; an exception rolls it back. */
    private <T> T transaction(Jdbc.Work<T> work) {
        try {
            return Jdbc.transaction(db, work);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("Shared job queue: " + e.getMessage(), e);
    }
}
