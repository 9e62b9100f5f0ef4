package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.AllDocsQuery;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.EngineContract;
import dev.hearth.datasystem.engine.TestSandbox;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real store in a temporary folder, with helpers to read streamed answers as JSON. */
final class TestDb implements EngineContract.TestEngine {
    final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    final InstanceStore store;
    final List<Change> events = new CopyOnWriteArrayList<>();

    TestDb(Path dir) {
        this(dir, 1000);
    }

    TestDb(Path dir, int revsLimit) {
        store = InstanceStore.open(
                "test.localhost", dir, new InstanceStore.Settings(false, new PageCaches(1, 1, 0), revsLimit), executor);
    }

    @Override
    public Database database(String doctype) {
        return db(doctype);
    }

    @Override
    public List<Change> events() {
        return events;
    }

    MvDatabase db(String doctype) {
        return new MvDatabase(
                store, doctype, 100_000, (domain, type, change) -> events.add(change), () -> TestSandbox.SANDBOX);
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface Writer {
        void write(JsonGenerator out) throws IOException;
    }

    static JsonNode render(Writer writer) {
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

    static JsonNode changes(Database db, ChangesQuery q) {
        return render(out -> db.changes(q, out));
    }

    static ChangesQuery since(String since) {
        return new ChangesQuery(since, false, 0, false, false, false, null, null, false);
    }

    static JsonNode allDocs(Database db, boolean includeDocs) {
        return render(out ->
                db.allDocs(new AllDocsQuery(null, null, null, true, false, -1, 0, includeDocs, false, true), out));
    }

    @Override
    public void close() {
        store.close();
        executor.shutdown();
    }
}
