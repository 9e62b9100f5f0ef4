package dev.hearth.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.Document;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One HTTP request being handled by a route: its parameters, body and response helpers. */
public final class Call {
    /** Default cap on JSON request bodies. */
    public static final int MAX_JSON_BODY = 1 << 20;

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Map<String, String> params;

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

    /** A query parameter, or null. */
    public @Nullable String query(String name) {
        return request.getParameter(name);
    }

    /** The context of the instance the request is for. */
    public RequestContext context() {
        RequestContext context = RequestContext.of(request);
        if (context == null) {
            throw new IllegalStateException("No instance context on " + request.getRequestURI());
        }
        return context;
    }

    /**
     * Reads the whole body, refusing more than {@code maxBytes}.
     *
     * @throws ApiException 413 when the body is larger
     */
    public byte[] body(int maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw ApiException.tooLarge("The request body is larger than " + maxBytes + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw ApiException.tooLarge("The request body is larger than " + maxBytes + " bytes");
            }
            return body;
        }
    }

    /** The body as a JSON object (at most {@link #MAX_JSON_BODY} bytes), or 400. */
    public ObjectNode jsonBody() throws IOException {
        return Json.parseObject(body(MAX_JSON_BODY));
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

    private void send(int status, String type, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(type);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
