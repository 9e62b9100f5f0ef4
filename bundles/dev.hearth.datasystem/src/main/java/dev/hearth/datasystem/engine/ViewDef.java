package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A JavaScript map-reduce view of a design document: its map function, its reduce (a built-in
 * {@code _count}, {@code _sum}, {@code _stats}, or JavaScript), and the signature of its index.
 * The signature is a hash of the map function alone, so views with the same map share one index
 * and a design document saved again with the same map keeps it.
 */
public record ViewDef(
        String ddoc, String name, String map, @Nullable String reduce, String signature) {
    static final Set<String> BUILTINS = DesignDocs.REDUCE_BUILTINS;

    public boolean hasReduce() {
        return reduce != null;
    }

    public boolean builtinReduce() {
        return reduce != null && reduce.startsWith("_");
    }

    /** The view of a stored design document (its winning revision); 404 as CouchDB when there is none. */
    public static ViewDef of(String ddoc, String view, DocCodec.@Nullable Winner w) {
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

    /** Adds the index signatures of the views a live design document's body declares. */
    public static void addSignatures(byte[] body, Set<String> out) {
        try {
            parse(body).path("views").forEach(v -> {
                if (v.path("map").isTextual()) {
                    out.add(signature(v.path("map").asText()));
                }
            });
        } catch (CouchException e) {
            // a body that is not JSON declares no view
        }
    }

    /** The signature of the index of a map function. */
    public static String signature(String map) {
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
