package dev.hearth.datasystem.postgres.internal;

import dev.hearth.datasystem.engine.ViewMapper.Changed;
import dev.hearth.datasystem.engine.ViewMapper.Mapped;
import dev.hearth.datasystem.postgres.sql.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes a batch of mapped documents' rows into {@code view_rows}: their old rows out, the new in. */
final class PgViewRows {
    private PgViewRows() {}

    static void replace(Connection c, PgDatabase db, String signature, List<Changed> docs, List<Mapped> mapped)
            throws SQLException {
        String[] ids = docs.stream().map(Changed::id).toArray(String[]::new);
        try (PreparedStatement s = Jdbc.prepare(
                c,
                "DELETE FROM view_rows WHERE instance = ? AND doctype = ? AND signature = ? AND id = ANY (?)",
                db.instance(),
                db.doctype(),
                signature)) {
            s.setArray(4, c.createArrayOf("text", ids));
            s.executeUpdate();
        }
        int rows = 0;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO view_rows"
                + " (instance, doctype, signature, key, id, value) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Mapped m : mapped) {
                for (int i = 0; i < m.keys().size(); i++) {
                    s.setString(1, db.instance());
                    s.setString(2, db.doctype());
                    s.setString(3, signature);
                    s.setBytes(4, m.keys().get(i));
                    s.setString(5, m.id());
                    s.setBytes(6, m.values().get(i));
                    s.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                s.executeBatch();
            }
        }
    }
}
