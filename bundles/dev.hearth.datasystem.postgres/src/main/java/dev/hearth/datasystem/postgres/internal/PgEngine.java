package dev.hearth.datasystem.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.engine.ChangeSink;
import dev.hearth.datasystem.engine.DocumentEngine;
import dev.hearth.datasystem.postgres.sql.Jdbc;
import dev.hearth.js.JsSandbox;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The document engine on PostgreSQL: every instance's databases in the tables of the server the
 * placement table gives it, the schema brought up to date by Flyway when the engine starts.
 *
 * <p>The placement server's pool is also a {@code DataSource} service ({@code
 * hearth.postgres=placement}) for the shared instance registry, whose tables its migrations make;
 * the engine starts with its configuration, not when a datasystem first asks for it, since the
 * instance registry the datasystem waits for needs that pool first.
 */
@Component(
        service = DocumentEngine.class,
        immediate = true,
        configurationPid = PgConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = DocumentEngine.PROPERTY + "=postgres")
@Designate(ocd = PgConfig.class)
public final class PgEngine implements DocumentEngine {
    /** Where the migrations are, in this bundle. */
    static final String MIGRATIONS = "classpath:dev/hearth/datasystem/postgres/migration";

    private final Map<String, DataSource> servers;
    private final Placement placement;
    private final PgGroupCommit commits;
    private final Limits limits;
    private @Nullable ServiceRegistration<DataSource> registration;
    private volatile @Nullable JsSandbox sandbox;

    /** The limits of documents: body size and revisions kept per branch. */
    record Limits(int maxDocumentBytes, int revsLimit, int groupCommitMax) {
        Limits(int maxDocumentBytes, int revsLimit) {
            this(maxDocumentBytes, revsLimit, 64);
        }
    }

    @Activate
    public PgEngine(PgConfig config, BundleContext context) {
        this(pools(config), new Limits(config.maxDocumentBytes(), config.revsLimit(), config.groupCommitMax()));
        this.registration = context.registerService(
                DataSource.class,
                servers.values().iterator().next(),
                FrameworkUtil.asDictionary(Map.of("hearth.postgres", "placement")));
    }

    /** The engine on these servers (by name, the first holds the placement table), migrated. */
    public PgEngine(Map<String, DataSource> servers, Limits limits) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("No PostgreSQL server is configured");
        }
        this.servers = servers;
        this.limits = limits;
        this.commits = new PgGroupCommit(limits.groupCommitMax());
        servers.values().forEach(PgEngine::migrate);
        this.placement = new Placement(servers);
    }

    /** Brings a server's schema up to date. */
    static void migrate(DataSource server) {
        Flyway.configure(PgEngine.class.getClassLoader())
                .dataSource(server)
                .locations(MIGRATIONS)
                .table("hearth_schema_history")
                .load()
                .migrate();
    }

    private static Map<String, DataSource> pools(PgConfig config) {
        Map<String, DataSource> pools = new LinkedHashMap<>();
        for (String entry : config.servers()) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("A server is 'name=jdbc:postgresql://...': " + entry);
            }
            String name = entry.substring(0, eq).trim();
            pools.put(
                    name,
                    Pools.pool(
                            name,
                            entry.substring(eq + 1).trim(),
                            config.user(),
                            config._password(),
                            config.poolSize()));
        }
        return pools;
    }

    /** The sandbox that runs the map and reduce functions of views: optional, views need it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void setSandbox(JsSandbox sandbox) {
        this.sandbox = sandbox;
    }

    void unsetSandbox(JsSandbox sandbox) {
        if (this.sandbox == sandbox) {
            this.sandbox = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        for (DataSource server : servers.values()) {
            if (server instanceof HikariDataSource pool) {
                pool.close();
            }
        }
    }

    @Override
    public Database database(String domain, String doctype, ChangeSink changes) {
        return new PgDatabase(placement.server(domain), domain, doctype, changes, limits, commits, () -> sandbox);
    }

    @Override
    public List<String> doctypes(String domain) {
        return Sql.read(placement.server(domain), c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement s =
                            Jdbc.prepare(c, "SELECT doctype FROM dbs WHERE instance = ? ORDER BY doctype", domain);
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            return names;
        });
    }

    @Override
    public void destroy(String domain) {
        Sql.transaction(placement.server(domain), c -> {
            for (String table :
                    List.of("docs", "local_docs", "mango_keys", "mango_indexes", "view_rows", "view_seqs", "dbs")) {
                Jdbc.update(c, "DELETE FROM " + table + " WHERE instance = ?", domain);
            }
            return null;
        });
        placement.forget(domain);
    }
}
