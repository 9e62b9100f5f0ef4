package dev.hearth.instances.postgres.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.postgres.sql.Jdbc;
import dev.hearth.datasystem.postgres.sql.Notices;
import dev.hearth.instances.InstanceSecrets;
import dev.hearth.instances.registry.RegistryBackend;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The instance registry in the {@code instances} and {@code instance_files} tables of the document
 * engine's placement server (its migration {@code V1_1__instances.sql}). Every write that other
 * nodes must see sends a notice on the {@value #CHANNEL} channel in its transaction, so the notice
 * leaves only once the write is committed; {@link Notices} hands them to the registry.
 */
@Component(property = RegistryBackend.PROPERTY + "=shared")
public final class PgRegistry implements RegistryBackend {
    static final String CHANNEL = "hearth_instances";

    private final DataSource db;

    @Activate
    public PgRegistry(@Reference(target = "(hearth.postgres=placement)") DataSource db) {
        this.db = db;
    }

    @Override
    public List<ObjectNode> loadAll() throws IOException {
        return read(c -> {
            List<ObjectNode> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT record FROM instances WHERE published");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(json(r.getString(1)));
                }
            }
            return out;
        });
    }

    @Override
    public @Nullable ObjectNode load(String domain) throws IOException {
        return read(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT record FROM instances WHERE domain = ? AND published")) {
                s.setString(1, domain);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? json(r.getString(1)) : null;
                }
            }
        });
    }

    @Override
    public void create(String domain, ObjectNode record, InstanceSecrets secrets) throws IOException {
        int rows = write(c -> Jdbc.update(
                c,
                "INSERT INTO instances (domain, record, session_key, oauth_key, cli_key, published)"
                        + " VALUES (?, ?::jsonb, ?, ?, ?, false) ON CONFLICT (domain) DO NOTHING",
                domain,
                record.toString(),
                secrets.session(),
                secrets.oauth(),
                secrets.cli()));
        if (rows == 0) {
            throw new FileAlreadyExistsException(domain);
        }
    }

    @Override
    public void publish(String domain) throws IOException {
        write(c -> {
            Jdbc.update(c, "UPDATE instances SET published = true WHERE domain = ?", domain);
            return notice(c, domain);
        });
    }

    @Override
    public @Nullable ObjectNode update(String domain, UnaryOperator<ObjectNode> change) throws IOException {
        return write(c -> {
            ObjectNode current;
            try (PreparedStatement s =
                    c.prepareStatement("SELECT record FROM instances WHERE domain = ? AND published FOR UPDATE")) {
                s.setString(1, domain);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return null;
                    }
                    current = json(r.getString(1));
                }
            }
            ObjectNode updated = change.apply(current);
            if (updated != current) {
                Jdbc.update(c, "UPDATE instances SET record = ?::jsonb WHERE domain = ?", updated.toString(), domain);
                notice(c, domain);
            }
            return updated;
        });
    }

    @Override
    public InstanceSecrets secrets(String domain) throws IOException {
        InstanceSecrets secrets = read(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT session_key, oauth_key, cli_key FROM instances WHERE domain = ?")) {
                s.setString(1, domain);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? new InstanceSecrets(r.getBytes(1), r.getBytes(2), r.getBytes(3)) : null;
                }
            }
        });
        if (secrets == null) {
            throw new IOException("No secrets for instance " + domain);
        }
        return secrets;
    }

    @Override
    public void delete(String domain) throws IOException {
        write(c -> {
            Jdbc.update(c, "DELETE FROM instance_files WHERE domain = ?", domain);
            Jdbc.update(c, "DELETE FROM instances WHERE domain = ?", domain);
            return notice(c, domain);
        });
    }

    @Override
    public byte @Nullable [] readPrivate(String domain, String name) throws IOException {
        return read(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT content FROM instance_files WHERE domain = ? AND name = ?")) {
                s.setString(1, domain);
                s.setString(2, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getBytes(1) : null;
                }
            }
        });
    }

    @Override
    public void writePrivate(String domain, String name, byte[] content) throws IOException {
        write(c -> Jdbc.update(
                c,
                "INSERT INTO instance_files (domain, name, content) VALUES (?, ?, ?)"
                        + " ON CONFLICT (domain, name) DO UPDATE SET content = EXCLUDED.content",
                domain,
                name,
                content));
    }

    @Override
    public void deletePrivate(String domain, String name) throws IOException {
        write(c -> Jdbc.update(c, "DELETE FROM instance_files WHERE domain = ? AND name = ?", domain, name));
    }

    @Override
    public AutoCloseable watch(Consumer<@Nullable String> changed) {
        return Notices.start(db, CHANNEL, new Notices.Listener() {
            @Override
            public void listening(boolean again) {
                changed.accept(null); // what was sent while nobody listened is read again
            }

            @Override
            public void notice(String payload) {
                changed.accept(payload);
            }
        });
    }

    @Override
    public String describe() {
        return "postgres";
    }

    private static int notice(Connection c, String domain) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, domain);
            s.execute();
        }
        return 1;
    }

    private static ObjectNode json(String text) throws SQLException {
        try {
            return (ObjectNode) Json.mapper().readTree(text);
        } catch (IOException | ClassCastException e) {
            throw new SQLException("Unreadable instance record", e);
        }
    }

    private <T extends @Nullable Object> T read(Jdbc.Work<T> work) throws IOException {
        try {
            return Jdbc.read(db, work);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Runs {@code work} in one transaction; an exception of the work rolls it back. */
    private <T extends @Nullable Object> T write(Jdbc.Work<T> work) throws IOException {
        try {
            return Jdbc.transaction(db, work);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static IOException failed(SQLException e) {
        return new IOException("Shared registry: " + e.getMessage(), e);
    }
}
