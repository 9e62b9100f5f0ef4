package dev.hearth.datasystem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link ViewQuery} from request parameters as CouchDB does, with its error answers: 400
 * {@code query_parse_error} for a bad value, 400 {@code bad_request} for a key that is not JSON.
 * The checks that need the view (reduce on a map-only view, ...) are the engine's.
 */
public final class ViewQueries {
    private ViewQueries() {}

    /**
     * @param param a parameter's text by name (query string, or a POST body member as JSON text
     *     for keys and as plain text for the others), null when absent
     * @param bodyKeys the {@code keys} member of a POST body, or null
     */
    public static ViewQuery parse(Function<String, @Nullable String> param, @Nullable JsonNode bodyKeys) {
        List<JsonNode> keys = keys(param.apply("keys"), bodyKeys);
        JsonNode key = json(param.apply("key"));
        JsonNode startKey = json(either(param, "startkey", "start_key"));
        JsonNode endKey = json(either(param, "endkey", "end_key"));
        boolean inclusiveEnd = bool(param, "inclusive_end", true);
        if (keys != null && (key != null || startKey != null || endKey != null)) {
            throw parseError("`keys` is incompatible with `key`, `start_key` and `end_key`");
        }
        String startDocId = either(param, "startkey_docid", "start_key_doc_id");
        String endDocId = either(param, "endkey_docid", "end_key_doc_id");
        if (key != null) {
            startKey = key;
            endKey = key;
            inclusiveEnd = true;
        }
        boolean descending = bool(param, "descending", false);
        Boolean reduce = param.apply("reduce") == null ? null : bool(param, "reduce", true);
        return new ViewQuery(
                keys,
                startKey,
                startKey == null ? null : startDocId,
                endKey,
                endKey == null ? null : endDocId,
                inclusiveEnd,
                descending,
                positive(param, "limit", -1),
                positive(param, "skip", 0),
                bool(param, "include_docs", false),
                reduce,
                groupLevel(param),
                update(param),
                bool(param, "update_seq", false));
    }

    private static @Nullable String either(Function<String, @Nullable String> param, String name, String alias) {
        String v = param.apply(name);
        return v != null ? v : param.apply(alias);
    }

    private static @Nullable Integer groupLevel(Function<String, @Nullable String> param) {
        long level = positive(param, "group_level", -1);
        if (level >= 0) {
            return (int) Math.min(level, Integer.MAX_VALUE);
        }
        return bool(param, "group", false) ? -1 : null;
    }

    private static ViewQuery.Update update(Function<String, @Nullable String> param) {
        String stale = param.apply("stale");
        if (stale != null) {
            return switch (stale) {
                case "ok" -> ViewQuery.Update.FALSE;
                case "update_after" -> ViewQuery.Update.LAZY;
                case "false" -> ViewQuery.Update.TRUE;
                default -> throw parseError("Invalid value for `stale`.");
            };
        }
        String update = param.apply("update");
        if (update == null) {
            return ViewQuery.Update.TRUE;
        }
        return switch (update) {
            case "true" -> ViewQuery.Update.TRUE;
            case "false" -> ViewQuery.Update.FALSE;
            case "lazy" -> ViewQuery.Update.LAZY;
            default -> throw parseError("Invalid value for `update`.");
        };
    }

    private static @Nullable List<JsonNode> keys(@Nullable String text, @Nullable JsonNode body) {
        if (body != null) {
            if (!body.isArray()) {
                throw new CouchException(400, "bad_request", "`keys` member must be an array.");
            }
            return list(body);
        }
        if (text == null) {
            return null;
        }
        JsonNode node = json(text);
        if (node == null || !node.isArray()) {
            throw parseError("`keys` member must be an array.");
        }
        return list(node);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>(array.size());
        array.forEach(out::add);
        return out;
    }

    private static @Nullable JsonNode json(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new CouchException(400, "bad_request", "invalid UTF-8 JSON");
            }
            return node;
        } catch (IOException e) {
            throw new CouchException(400, "bad_request", "invalid UTF-8 JSON");
        }
    }

    private static boolean bool(Function<String, @Nullable String> param, String name, boolean absent) {
        String v = param.apply(name);
        if (v == null) {
            return absent;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw parseError("Invalid boolean parameter: \"" + v + "\"");
        };
    }

    private static long positive(Function<String, @Nullable String> param, String name, long absent) {
        String v = param.apply(name);
        if (v == null) {
            return absent;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw parseError("Invalid value for positive integer: \"" + v + "\"");
    }

    /** CouchDB's answer to a bad view parameter. */
    public static CouchException parseError(String reason) {
        return new CouchException(400, "query_parse_error", reason);
    }
}
