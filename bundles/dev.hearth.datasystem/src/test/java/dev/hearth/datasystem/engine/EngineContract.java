package dev.hearth.datasystem.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.AllDocsQuery;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.Database;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the engine contracts: what every document engine must do through the
 * {@link Database} API, run against each engine by a subclass (the embedded store in this
 * bundle, PostgreSQL in its own). Databases have at most 100,000-byte documents and keep 1,000
 * revisions per branch.
 */
public abstract class EngineContract {
    /** An engine under test with one instance of its own, for one test. */
    public interface TestEngine extends AutoCloseable {
        /** The database of a doctype of the test instance. */
        Database database(String doctype);

        /** The changes the engine reported, in order. */
        List<Change> events();
    }

    protected Database db;
    private TestEngine engine;

    /** A fresh engine (or a fresh instance on a shared one). */
    protected abstract TestEngine engine() throws Exception;

    /** The doctype of {@link #db}. */
    protected String doctype() {
        return "io.cozy.todos";
    }

    @BeforeEach
    final void startEngine() throws Exception {
        engine = engine();
        db = engine.database(doctype());
    }

    @AfterEach
    final void stopEngine() throws Exception {
        engine.close();
    }

    protected Database database(String doctype) {
        return engine.database(doctype);
    }

    protected List<Change> events() {
        return engine.events();
    }

    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a streamed answer. */
    public interface Writer {
        void write(JsonGenerator out) throws IOException;
    }

    public static JsonNode render(Writer writer) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.mapper().getFactory().createGenerator(text)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Json.mapper().readTree(text.toString());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }

    public static JsonNode changes(Database db, ChangesQuery q) {
        return render(out -> db.changes(q, out));
    }

    public static ChangesQuery since(String since) {
        return new ChangesQuery(since, false, 0, false, false, false, null, null, false);
    }

    public static JsonNode allDocs(Database db, boolean includeDocs) {
        return render(out ->
                db.allDocs(new AllDocsQuery(null, null, null, true, false, -1, 0, includeDocs, false, true), out));
    }

    protected static void assertCouchError(Runnable action, int status, String error, String reason) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(CouchException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.reason()).isEqualTo(reason);
        });
    }
}
