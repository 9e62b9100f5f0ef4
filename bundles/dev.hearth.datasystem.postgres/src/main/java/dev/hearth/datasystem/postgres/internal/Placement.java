package dev.hearth.datasystem.postgres.internal;

import dev.hearth.datasystem.postgres.sql.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Which server holds each instance: the placement table on the first server. A new instance goes
 * to the server with the fewest instances; its place never changes by itself (moving an instance
 * is an export and an import).
 */
final class Placement {
    private final Map<String, DataSource> servers;
    private final String home;
    private final Map<String, String> placed = new ConcurrentHashMap<>();

    /** @param servers by name, in configuration order; the first holds the placement table */
    Placement(Map<String, DataSource> servers) {
        this.servers = servers;
        this.home = servers.keySet().iterator().next();
    }

    /** The server of an instance, placing it on first use. */
    DataSource server(String instance) {
        String name = placed.computeIfAbsent(instance, this::lookUpOrPlace);
        DataSource server = servers.get(name);
        if (server == null) {
            throw new IllegalStateException("Instance " + instance + " is placed on unknown server " + name);
        }
        return server;
    }

    /** Forgets an instance's place (its documents are already deleted). */
    void forget(String instance) {
        Sql.transaction(servers.get(home), c -> Jdbc.update(c, "DELETE FROM placements WHERE instance = ?", instance));
        placed.remove(instance);
    }

    private String lookUpOrPlace(String instance) {
        return Sql.transaction(servers.get(home), c -> {
            String existing = lookUp(c, instance);
            if (existing != null) {
                return existing;
            }
            Jdbc.update(
                    c,
                    "INSERT INTO placements (instance, server) VALUES (?, ?) ON CONFLICT (instance) DO NOTHING",
                    instance,
                    leastUsed(c));
            return lookUp(c, instance);
        });
    }

    private static @Nullable String lookUp(Connection c, String instance) throws SQLException {
        try (PreparedStatement s = Jdbc.prepare(c, "SELECT server FROM placements WHERE instance = ?", instance);
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private String leastUsed(Connection c) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        servers.keySet().forEach(name -> counts.put(name, 0L));
        try (PreparedStatement s = c.prepareStatement("SELECT server, COUNT(*) FROM placements GROUP BY server");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String name = r.getString(1);
                if (counts.containsKey(name)) {
                    counts.put(name, r.getLong(2));
                }
            }
        }
        List<String> names = List.copyOf(servers.keySet());
        String best = names.getFirst();
        for (String name : names) {
            if (counts.get(name) < counts.get(best)) {
                best = name;
            }
        }
        return best;
    }
}
