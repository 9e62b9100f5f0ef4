package dev.hearth.datasystem.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.datasystem.engine.FindContract;
import dev.hearth.datasystem.postgres.sql.Jdbc;
import dev.hearth.mango.IndexKeys;
import dev.hearth.mango.Selector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract on a real PostgreSQL, and the plan PostgreSQL makes of an index range. */
class PgFindTest extends FindContract {
    private PgTestEngine engine;

    @Override
    protected TestEngine engine() throws Exception {
        engine = new PgTestEngine();
        return engine;
    }

    @Test
    void anIndexRangeIsReadThroughTheIndexTablesKeyOrder() throws Exception {
        StringBuilder docs = new StringBuilder("{\"docs\":[");
        for (int i = 0; i < 3000; i++) {
            docs.append(i == 0 ? "" : ",")
                    .append("{\"_id\":\"x")
                    .append(i)
                    .append("\",\"group\":")
                    .append(100 + i % 50)
                    .append(",\"name\":\"x")
                    .append(i)
                    .append("\"}");
        }
        db.bulkDocs(json(docs.append("]}").toString()));
        db.createIndex(json("{\"index\":{\"fields\":[\"group\",\"name\"]},\"ddoc\":\"by-group\",\"name\":\"g\"}"));
        String selector = "{\"group\":120,\"name\":{\"$gt\":null}}";
        assertThat(find("{\"selector\":" + selector + ",\"limit\":100}").docs())
                .hasSize(60)
                .allSatisfy(d -> assertThat(d.path("group").asInt()).isEqualTo(120));
        byte[][] range = IndexKeys.scanRange(
                List.of("group", "name"), Selector.parse(json(selector)).andedConditions());
        String plan;
        try (Connection c = PgTestEngine.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE mango_keys");
                s.execute("ANALYZE docs");
            }
            plan = explain(c, PgFind.indexSql(false, false), range);
        }
        assertThat(plan)
                .as(plan)
                .containsPattern("Index Scan (using|on) mango_keys_pkey")
                .doesNotContain("Seq Scan on mango_keys");
    }

    private String explain(Connection c, String sql, byte[][] range) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement s = Jdbc.prepare(
                        c, "EXPLAIN " + sql, engine.instance(), doctype(), "by-group", "g", range[0], range[1], 26);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                plan.append(r.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
