package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A JavaScript map-reduce view of a design document: its map function, its reduce (a built-in
 * {@code _count}, {@code _sum}, {@code _stats}, or JavaScript), and the signature of its index.
 * The signature is a hash of the map function alone, so views with the same map share one index
 * and a design document saved again with the same map keeps it.
 */
record ViewDef(
        String ddoc, String name, String map, @Nullable String reduce, String signature) {
    static final Set<String> BUILTINS = Set.of("_count", "_sum", "_stats");

    boolean hasReduce() {
        return reduce != null;
    }

    boolean builtinReduce() {
        return reduce != null && reduce.startsWith("_");
    }

    /** The view of a stored design document; 404 as CouchDB when there is none. */
    static ViewDef read(DoctypeStore ds, String ddoc, String view) {
        DocCodec.Winner w = ds.winner("_design/" + ddoc);
        if (w == null || w.deleted()) {
            throw new CouchException(404, "not_found", w == null ? "missing" : "deleted");
        }
        JsonNode body = parse(w.body());
        if ("query".equals(body.path("language").asText())) {
            throw new CouchException(400, "bad_request", "_design/" + ddoc + " is a Mango index: query it with _find");
        }
        JsonNode def = body.path("views").path(view);
        if (!def.isObject() || !def.path("map").isTextual()) {
            throw new CouchException(404, "not_found", "missing_named_view");
        }
        JsonNode reduce = def.path("reduce");
        return new ViewDef(
                ddoc,
                view,
                def.path("map").asText(),
                reduce.isTextual() ? reduce.asText().strip() : null,
                signature(def.path("map").asText()));
    }

    /**
     * Checks the views of a design document being saved, as CouchDB does: {@code views} is an
     * object of objects with a string {@code map}, and a {@code reduce} that is a string naming a
     * known built-in or a function.
     */
    static void check(String ddocId, byte @Nullable [] body) {
        if (body == null) {
            return;
        }
        JsonNode doc = parse(body);
        if ("query".equals(doc.path("language").asText()) || doc.path("views").isMissingNode()) {
            return;
        }
        if (!doc.path("views").isObject()) {
            throw invalid("`views` in " + ddocId + " must be an object");
        }
        for (Map.Entry<String, JsonNode> view : doc.path("views").properties()) {
            JsonNode v = view.getValue();
            if (!v.isObject() || !v.path("map").isTextual()) {
                throw invalid("View " + view.getKey() + " must have a `map` function as a string");
            }
            JsonNode reduce = v.path("reduce");
            if (!reduce.isMissingNode() && !reduce.isTextual()) {
                throw invalid("The `reduce` of view " + view.getKey() + " must be a string");
            }
            String r = reduce.asText().strip();
            if (r.startsWith("_") && !BUILTINS.contains(r)) {
                throw invalid("`" + r + "` is not a supported reduce function.");
            }
        }
    }

    private static CouchException invalid(String reason) {
        return new CouchException(400, "invalid_design_doc", reason);
    }

    /** The index signatures of every JavaScript view of the live design documents. */
    static Set<String> signatures(DoctypeStore ds) {
        Set<String> out = new HashSet<>();
        for (Iterator<String> it = ds.docs.keyIterator(Indexes.DESIGN_PREFIX); it.hasNext(); ) {
            String id = it.next();
            if (id.compareTo(Indexes.DESIGN_END) >= 0) {
                break;
            }
            DocCodec.Winner w = ds.winner(id);
            if (w == null || w.deleted()) {
                continue;
            }
            try {
                parse(w.body()).path("views").forEach(v -> {
                    if (v.path("map").isTextual()) {
                        out.add(signature(v.path("map").asText()));
                    }
                });
            } catch (CouchException e) {
                // a body that is not JSON declares no view
            }
        }
        return out;
    }

    static String signature(String map) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(map.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new CouchException(400, "bad_request", "invalid design document");
        }
    }
}
