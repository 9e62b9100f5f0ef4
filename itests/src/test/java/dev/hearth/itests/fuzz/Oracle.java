package dev.hearth.itests.fuzz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Locale;

/**
 * What every response must be, whatever was sent (cozy-api.md 1.5, 1.6):
 * <ul>
 *   <li>an answer at all, unless the request body was deliberately left incomplete;</li>
 *   <li>no 5xx: a server error on client input is a bug. The only exceptions are the ones HTTP
 *       itself prescribes: 505 for a version other than HTTP/1.x, 501 for an unknown method or
 *       transfer coding;</li>
 *   <li>a body, except for 101, 204, 304, HEAD, and redirects (3xx with a Location, as the login
 *       and consent flows answer);</li>
 *   <li>a JSON media type and a body that parses as strict UTF-8 JSON wherever the route answers
 *       JSON: everywhere but the HTML pages, browser form posts not asking for JSON, the token of
 *       {@code POST /instances/token} and the console. Errors of the JSON:API and plain routes may
 *       be HTML when the client asks for {@code text/html} and text when it asks for neither
 *       JSON nor HTML, as Cozy does; {@code /data} errors are always JSON.</li>
 * </ul>
 * A violation is a short problem text made to group failures: it names the status and what is
 * wrong, never request-specific values.
 */
final class Oracle {
    private static final JsonFactory FACTORY = unconstrained();

    /** The problem with this answer to this request, or null when the answer is acceptable. */
    String problem(FuzzRequest request, RawResponse response) {
        if (!response.ok()) {
            boolean dropped = response.error().startsWith("connection closed")
                    || response.error().startsWith("connection reset");
            return dropped && !request.framing().complete() ? null : response.error();
        }
        int status = response.status();
        if (status >= 500 && !(status == 505 && request.allows505()) && !(status == 501 && request.allows501())) {
            return status + " server error";
        }
        if (bodiless(request, response)) {
            return null;
        }
        if (response.body().length == 0) {
            return status + " with an empty body";
        }
        if (!needsJson(request, status, response.mediaType())) {
            return null;
        }
        return jsonProblem(response);
    }

    /** Why {@code response} is not a JSON answer, or null when it is one. */
    static String jsonProblem(RawResponse response) {
        int status = response.status();
        if (!isJsonType(response.mediaType())) {
            String type = response.mediaType().isEmpty() ? "no Content-Type" : response.mediaType();
            return status + " with a non-JSON body (" + type + ")";
        }
        return isJson(response.body()) ? null : status + " with a body that is not valid JSON";
    }

    /**
     * Whether the bytes are exactly one JSON value in valid UTF-8. Read token by token (no tree,
     * no recursion), since answers may echo what the fuzzer sent: deep, long, odd documents.
     */
    static boolean isJson(byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            int depth = 0;
            JsonToken t = p.nextToken();
            if (t == null) {
                return false;
            }
            while (t != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case VALUE_STRING, FIELD_NAME -> p.getText();
                    default -> {}
                }
                if (depth == 0) {
                    return p.nextToken() == null;
                }
                t = p.nextToken();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isJsonType(String mediaType) {
        return mediaType.equals("application/json")
                || mediaType.equals("application/vnd.api+json")
                || mediaType.endsWith("+json");
    }

    private static boolean bodiless(FuzzRequest request, RawResponse response) {
        int status = response.status();
        return request.isHead()
                || status == 101
                || status == 204
                || status == 304
                || status >= 300 && status < 400 && response.header("Location") != null;
    }

    /** Whether the answer must be JSON, given the route and what the client accepts. */
    private static boolean needsJson(FuzzRequest request, int status, String mediaType) {
        Route.Kind kind = request.kind();
        String accept = request.header("Accept");
        String a = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case PAGE, CONSOLE -> false;
            case COUCH -> true;
            case FORM -> a.contains("application/json");
            case TOKEN -> status >= 400 && !negotiatedError(a, status, mediaType);
            case JSON -> !negotiatedError(a, status, mediaType);
            case ELSEWHERE -> status >= 400 && !negotiatedError(a, status, mediaType);
        };
    }

    /**
     * An error in the format a client that does not ask for JSON asked for (cozy-api.md 1.6):
     * HTML when it accepts {@code text/html}, text when it names neither JSON, HTML nor any type.
     */
    private static boolean negotiatedError(String accept, int status, String mediaType) {
        if (status < 400 || accept.isBlank() || accept.contains("application/json")) {
            return false;
        }
        if (accept.contains("text/html")) {
            return mediaType.equals("text/html");
        }
        return !accept.contains("*/*") && mediaType.equals("text/plain");
    }

    private static JsonFactory unconstrained() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(Integer.MAX_VALUE)
                        .maxNumberLength(Integer.MAX_VALUE)
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNameLength(Integer.MAX_VALUE)
                        .build())
                .build();
    }
}
