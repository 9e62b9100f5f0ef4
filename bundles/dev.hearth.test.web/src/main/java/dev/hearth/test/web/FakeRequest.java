package dev.hearth.test.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request as a route sees it, built by a test: method, path, query, headers, cookies and body.
 * Form bodies are read as parameters, as the servlet container does. A method the routes do not
 * use fails loudly, so a test never runs on a silently wrong answer.
 */
public final class FakeRequest {
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<Cookie> cookies = new ArrayList<>();
    private final Map<String, Object> attributes = new HashMap<>();
    private byte[] body = new byte[0];
    private String remoteAddr = "127.0.0.1";

    private FakeRequest(String method, String pathAndQuery) {
        this.method = method;
        int q = pathAndQuery.indexOf('?');
        this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        this.query = q < 0 ? null : pathAndQuery.substring(q + 1);
    }

    /** A request; {@code pathAndQuery} is raw, as on the wire ({@code /data/a%2Fb?limit=2}). */
    public static FakeRequest of(String method, String pathAndQuery) {
        return new FakeRequest(method, pathAndQuery);
    }

    public FakeRequest header(String name, String value) {
        headers.put(name.toLowerCase(), value);
        return this;
    }

    public FakeRequest cookie(String name, String value) {
        cookies.add(new Cookie(name, value));
        return this;
    }

    public FakeRequest from(String address) {
        this.remoteAddr = address;
        return this;
    }

    public FakeRequest attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    /** A JSON body. */
    public FakeRequest json(String json) {
        header("Content-Type", "application/json");
        this.body = json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** A form body, {@code a=1&b=2}. */
    public FakeRequest form(String form) {
        header("Content-Type", "application/x-www-form-urlencoded");
        this.body = form.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** The servlet request. */
    public HttpServletRequest build() {
        Map<String, String[]> parameters = parameters();
        ServletInputStream in = new Input(body);
        return (HttpServletRequest) Proxy.newProxyInstance(
                FakeRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (self, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> path;
                    case "getContextPath", "getServletPath" -> "";
                    case "getPathInfo" -> path;
                    case "getQueryString" -> query;
                    case "getParameter" -> first(parameters.get((String) args[0]));
                    case "getParameterMap" -> Collections.unmodifiableMap(parameters);
                    case "getParameterNames" -> Collections.enumeration(parameters.keySet());
                    case "getHeader" -> headers.get(((String) args[0]).toLowerCase());
                    case "getHeaders" ->
                        Collections.enumeration(
                                headers.containsKey(((String) args[0]).toLowerCase())
                                        ? List.of(headers.get(((String) args[0]).toLowerCase()))
                                        : List.of());
                    case "getContentType" -> headers.get("content-type");
                    case "getContentLength" -> body.length;
                    case "getContentLengthLong" -> (long) body.length;
                    case "getCharacterEncoding" -> "UTF-8";
                    case "getInputStream" -> in;
                    case "getCookies" -> cookies.isEmpty() ? null : cookies.toArray(Cookie[]::new);
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "removeAttribute" -> attributes.remove((String) args[0]);
                    case "getRemoteAddr" -> remoteAddr;
                    case "getScheme" -> "http";
                    case "isSecure" -> false;
                    case "toString" -> method + " " + path;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> throw new UnsupportedOperationException("FakeRequest does not do " + m.getName());
                });
    }

    private Map<String, String[]> parameters() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        decode(query, values);
        String type = headers.get("content-type");
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            decode(new String(body, StandardCharsets.UTF_8), values);
        }
        Map<String, String[]> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
        return out;
    }

    private static void decode(String encoded, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    private static String first(String[] values) {
        return values == null || values.length == 0 ? null : values[0];
    }

    /** The body as the servlet API gives it. */
    private static final class Input extends ServletInputStream {
        private final ByteArrayInputStream in;

        Input(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
