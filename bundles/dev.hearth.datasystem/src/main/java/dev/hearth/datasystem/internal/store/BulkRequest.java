package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.datasystem.engine.DocInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code _bulk_docs} body read and checked, before anything is written: {@code new_edits}, and
 * for each document either what to write ({@link DocInput}) or why it is refused
 * ({@link WriteResult}).
 *
 * <p>Read from a parser, it holds one document tree at a time: each is reduced to its stored
 * bytes as soon as it is read. The whole body is read before any write, as CouchDB does, so a
 * body that turns out malformed at its end writes nothing. Since {@code new_edits} may come after
 * {@code docs} (PouchDB sends it last), each document is checked without knowing it, and what
 * depends on it is settled at the end.
 */
final class BulkRequest {
    /** Reads one value of the body; the rest of the body follows it, so that is no trailing token. */
    private static final ObjectReader VALUES =
            Json.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final List<Staged> staged = new ArrayList<>();
    private final int maxBytes;
    private @Nullable Boolean newEdits;
    private boolean sawDocs;

    /** One document: what to write, or why not; and whether it had no id (fine for new edits only). */
    private record Staged(
            @Nullable DocInput input, @Nullable WriteResult refused, boolean missingId) {}

    private BulkRequest(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Reads a parsed body. */
    static BulkRequest of(JsonNode body, int maxBytes) {
        if (!body.isObject() || !body.path("docs").isArray()) {
            throw noDocs();
        }
        BulkRequest request = new BulkRequest(maxBytes);
        request.newEdits(body.get("new_edits"));
        body.path("docs").forEach(request::add);
        return request;
    }

    /**
     * Reads a body from a parser made by {@link Json#mapper()} (whose settings refuse duplicate
     * keys and numbers JSON cannot carry), up to its end.
     *
     * @throws CouchException 400 when the body is not the JSON of a {@code _bulk_docs} request
     * @throws IOException when reading the body fails
     */
    static BulkRequest read(JsonParser body, int maxBytes) throws IOException {
        try {
            BulkRequest request = new BulkRequest(maxBytes);
            request.readObject(body);
            return request;
        } catch (JsonProcessingException e) {
            throw new CouchException(400, "bad_request", "invalid UTF-8 JSON");
        }
    }

    private void readObject(JsonParser p) throws IOException {
        if (p.currentToken() == null) {
            p.nextToken();
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw noDocs();
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("docs") && value == JsonToken.START_ARRAY) {
                sawDocs = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    add(value(p));
                }
            } else if (name.equals("new_edits")) {
                newEdits(value(p));
            } else {
                p.skipChildren();
            }
        }
        if (!sawDocs) {
            throw noDocs();
        }
        if (p.nextToken() != null) {
            throw new CouchException(400, "bad_request", "invalid UTF-8 JSON");
        }
    }

    /** The value at the parser, {@code null} included (which a reader may give as no node). */
    private static JsonNode value(JsonParser p) throws IOException {
        JsonNode node = VALUES.readTree(p);
        return node == null ? NullNode.getInstance() : node;
    }

    private void newEdits(@Nullable JsonNode node) {
        if (node != null && !node.isBoolean()) {
            throw DocInput.badRequest("`new_edits` parameter must be a boolean.");
        }
        newEdits = node == null ? null : node.booleanValue();
    }

    private void add(JsonNode doc) {
        boolean missingId =
                doc.isObject() && (doc.get("_id") == null || doc.get("_id").isNull());
        try {
            staged.add(new Staged(DocInput.read(doc, true, maxBytes), null, missingId));
        } catch (CouchException e) {
            staged.add(
                    new Staged(null, WriteResult.failed(doc.path("_id").asText(""), e.error(), e.reason()), missingId));
        }
    }

    /** {@code new_edits}: true unless the body said false. */
    boolean newEdits() {
        return newEdits == null || newEdits;
    }

    int size() {
        return staged.size();
    }

    /**
     * The document at {@code index}: a {@link DocInput} to write or a {@link WriteResult} refusal.
     * Each is handed out once: the request lets go of it, so that the bodies already written can
     * be collected while the rest are.
     */
    Object take(int index) {
        Staged s = staged.set(index, null);
        if (!newEdits() && s.missingId()) {
            return WriteResult.failed("", "bad_request", "Document id must be a string");
        }
        if (s.refused() != null) {
            return s.refused();
        }
        DocInput in = s.input();
        if (!newEdits() && in.rev() == null) {
            return WriteResult.failed(in.id(), "bad_request", "Document rev is required when new_edits is false");
        }
        return in;
    }

    private static CouchException noDocs() {
        return DocInput.badRequest("POST body must include `docs` parameter.");
    }
}
