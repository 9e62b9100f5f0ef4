package dev.hearth.test.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.json.Json;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a route answered: status, headers and body, recorded by a fake servlet response. */
public final class Reply {
    private int status = 200;
    private String contentType;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final HttpServletResponse response;

    Reply() {
        ServletOutputStream out = new Output(body);
        this.response = (HttpServletResponse) Proxy.newProxyInstance(
                Reply.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (self, m, args) -> switch (m.getName()) {
                    case "setStatus" -> set(() -> status = (Integer) args[0]);
                    case "getStatus" -> status;
                    case "sendError" -> set(() -> status = (Integer) args[0]);
                    case "setHeader" ->
                        headers.put(((String) args[0]).toLowerCase(), new ArrayList<>(List.of((String) args[1])));
                    case "addHeader" ->
                        headers.computeIfAbsent(((String) args[0]).toLowerCase(), k -> new ArrayList<>())
                                .add((String) args[1]);
                    case "getHeader" -> header((String) args[0]);
                    case "containsHeader" -> headers.containsKey(((String) args[0]).toLowerCase());
                    case "setContentType" -> set(() -> contentType = (String) args[0]);
                    case "getContentType" -> contentType;
                    case "setCharacterEncoding", "setContentLength", "setContentLengthLong", "flushBuffer" -> null;
                    case "getCharacterEncoding" -> "UTF-8";
                    case "getOutputStream" -> out;
                    case "isCommitted" -> false;
                    case "resetBuffer" -> set(body::reset);
                    case "toString" -> "response " + status;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> throw new UnsupportedOperationException("Reply does not do " + m.getName());
                });
    }

    private static Object set(Runnable change) {
        change.run();
        return null;
    }

    HttpServletResponse response() {
        return response;
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    /** The last value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase());
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    public String body() {
        return body.toString(StandardCharsets.UTF_8);
    }

    /** The body as JSON. */
    public JsonNode json() {
        try {
            return Json.mapper().readTree(body.toByteArray());
        } catch (IOException e) {
            throw new AssertionError("Not JSON (" + status + "): " + body(), e);
        }
    }

    @Override
    public String toString() {
        return status + " " + body();
    }

    /** The body as the servlet API takes it. */
    private static final class Output extends ServletOutputStream {
        private final ByteArrayOutputStream out;

        Output(ByteArrayOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.write(b, off, len);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
