package dev.hearth.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.web.internal.LimitedInput;
import dev.hearth.web.internal.Tokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One HTTP request being handled by a route: its parameters, body and response helpers. */
public final class Call {
    /** Default cap on JSON request bodies. */
    public static final int MAX_JSON_BODY = 1 << 20;
    /** The start of the message of a body that is not one JSON value. */
    public static final String NOT_JSON = "Invalid JSON";
    /** The message of a body that is JSON but not an object. */
    public static final String NOT_AN_OBJECT = "The request body must be a JSON object";

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Map<String, String> params;
    private final List<LimitedInput> bodies = new ArrayList<>(1);

    public Call(HttpServletRequest request, HttpServletResponse response, Map<String, String> params) {
        this.request = request;
        this.response = response;
        this.params = params;
    }

    public HttpServletRequest request() {
        return request;
    }

    public HttpServletResponse response() {
        return response;
    }

    /** A path parameter of the route ({@code :name}), decoded. */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("No path parameter " + name);
        }
        return value;
    }

    /** A query (or form) parameter, or null. */
    public @Nullable String query(String name) {
        // Most requests carry neither a query nor a form: the container's parameter map (built
        // from both on first use) is then not worth building.
        if (request.getQueryString() == null && !isForm(request.getContentType())) {
            return null;
        }
        return request.getParameter(name);
    }

    /** Whether the container reads parameters from a body of this type. */
    private static boolean isForm(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    }

    /** Whether the query parameter {@code name} is {@code true}. */
    public boolean flag(String name) {
        return "true".equals(query(name));
    }

    /**
     * A whole-number query parameter, or {@code fallback} when absent or empty.
     *
     * @throws ApiException 400 when it is not a number
     */
    public long number(String name, long fallback) {
        String raw = query(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid " + name + " value '" + raw + "'");
        }
    }

    /** A request header, or null. */
    public @Nullable String header(String name) {
        return request.getHeader(name);
    }

    /** A cookie's value, or null when absent or empty. */
    public @Nullable String cookie(String name) {
        return Cookies.get(request, name);
    }

    /** The token the request carries (Bearer, Basic password or {@code ?bearer_token}), or null. */
    public @Nullable String token() {
        return Tokens.of(request.getHeader("Authorization"), request.getQueryString());
    }

    /** Whether the client asked for JSON rather than a page. */
    public boolean wantsJson() {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("application/json");
    }

    /**
     * The context of the instance the request is for.
     *
     * @throws StatusException 404 when the host designates no instance
     */
    public RequestContext context() {
        RequestContext context = RequestContext.of(request);
        if (context == null) {
            throw StatusException.notFound(Routes.INSTANCE_NOT_FOUND);
        }
        return context;
    }

    /** Whether the request has a body: a length above zero, or one sent in chunks. */
    public boolean hasBody() {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /**
     * A parser over the body for a route that consumes it as it reads (a bulk request), which
     * fails with 413 as soon as more than {@code maxBytes} were read. Close it when done.
     *
     * @throws ApiException 413 at once when the declared length is larger
     */
    public JsonParser jsonParser(long maxBytes) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw LimitedInput.tooLarge(maxBytes);
        }
        return Json.mapper().createParser(body(maxBytes));
    }

    private LimitedInput body(long maxBytes) throws IOException {
        LimitedInput body = new LimitedInput(request.getInputStream(), maxBytes);
        bodies.add(body);
        return body;
    }

    /** Ends the call: what its body took from the request body budget goes back. */
    void end() {
        bodies.forEach(LimitedInput::release);
    }

    /**
     * Parses the body as one JSON value while reading it, never holding more than {@code maxBytes}
     * of it.
     *
     * @throws ApiException 413 when the body is larger, 400 {@value #NOT_JSON} when it is not one
     *     JSON value
     */
    public JsonNode readJson(long maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw LimitedInput.tooLarge(maxBytes);
        }
        try (JsonParser parser = Json.mapper().createParser(body(maxBytes))) {
            JsonNode node = Json.mapper().readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest(NOT_JSON + ": empty body");
            }
            if (parser.nextToken() != null) {
                throw ApiException.badRequest(NOT_JSON + ": more than one value");
            }
            return node;
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            int eol = reason.indexOf('\n');
            throw ApiException.badRequest(NOT_JSON + ": " + (eol < 0 ? reason : reason.substring(0, eol)));
        }
    }

    /**
     * The body as a JSON object of at most {@code maxBytes}.
     *
     * @throws ApiException 413 when larger, 400 when not a JSON object
     */
    public ObjectNode jsonObject(long maxBytes) throws IOException {
        if (readJson(maxBytes) instanceof ObjectNode object) {
            return object;
        }
        throw ApiException.badRequest(NOT_AN_OBJECT);
    }

    /** The body as a JSON object of at most {@link #MAX_JSON_BODY} bytes, or 400. */
    public ObjectNode jsonBody() throws IOException {
        return jsonObject(MAX_JSON_BODY);
    }

    /** Writes {@code value} as {@code application/json}. */
    public void json(int status, Object value) throws IOException {
        send(status, "application/json", Json.bytes(value));
    }

    /** Writes JSON already serialized. */
    public void jsonBytes(int status, byte[] json) throws IOException {
        send(status, "application/json", json);
    }

    /** Writes a JSON:API document. */
    public void jsonApi(int status, Document document) throws IOException {
        send(status, Document.MEDIA_TYPE, Json.bytes(document));
    }

    /** Writes JSON to a generator. */
    @FunctionalInterface
    public interface JsonWriter {
        void write(JsonGenerator out) throws IOException;
    }

    /**
     * Streams a JSON answer. When {@code writer} fails before anything was sent, nothing is sent
     * and the error propagates, so that it can still become a clean error response.
     */
    public void streamJson(int status, JsonWriter writer) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        JsonGenerator out = Json.mapper().getFactory().createGenerator(response.getOutputStream());
        out.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        writer.write(out);
        out.close();
    }

    public void text(int status, String text) throws IOException {
        response.setCharacterEncoding("UTF-8");
        send(status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    public void noContent() {
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** Answers 303 See Other to {@code location}. */
    public void seeOther(String location) {
        response.setStatus(303);
        response.setHeader("Location", location);
        response.setContentLength(0);
    }

    private void send(int status, String type, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(type);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
