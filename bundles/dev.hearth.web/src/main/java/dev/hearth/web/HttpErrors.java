package dev.hearth.web;

import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.error.HearthException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.common.jsonapi.ErrorObject;
import dev.hearth.common.text.Html;
import dev.hearth.web.internal.ContainerErrors;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where errors become HTTP responses. Expected errors ({@link HearthException}) are
 * rendered in the format of the area; anything else is logged once with its stack trace and
 * answered with a 500 whose body says nothing about the internals.
 */
public final class HttpErrors {
    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);
    private static final String JSON = "application/json";
    /** Request bodies up to this size are read to their end before an error is sent. */
    private static final long DRAIN_LIMIT = 64 * 1024;

    private HttpErrors() {}

    /** Writes {@code error} as the response, unless the response is already committed. */
    public static void write(HttpServletRequest req, HttpServletResponse resp, Throwable error, ErrorStyle style)
            throws IOException {
        HearthException e = expected(req, error);
        if (resp.isCommitted()) {
            LOG.debug(
                    "Response already committed when {} {} failed: {}",
                    req.getMethod(),
                    req.getRequestURI(),
                    e.getMessage());
            return;
        }
        resp.resetBuffer();
        drainSmallBody(req);
        resp.setStatus(e.status());
        e.headers().forEach(resp::setHeader);
        if ("HEAD".equals(req.getMethod())) {
            return;
        }
        Object own = e.body();
        if (own != null) {
            send(resp, JSON, Json.bytes(own));
            return;
        }
        switch (style) {
            case COUCH -> writeCouch(resp, e);
            case JSON_API, PLAIN -> writeApi(req, resp, e);
        }
    }

    /**
     * Reads what is left of a small request body before the error is sent. A route may refuse a
     * request before reading its body (an upload over quota); the container would then close the
     * connection with the body's bytes unread or still arriving, and the TCP reset that follows can
     * reach the client before the error does. Larger bodies are left to the container.
     */
    private static void drainSmallBody(HttpServletRequest req) {
        long length = req.getContentLengthLong();
        if (length <= 0 || length > DRAIN_LIMIT) {
            return;
        }
        try {
            req.getInputStream().skipNBytes(length);
        } catch (IOException | RuntimeException consumedOrBroken) {
            // Already read, read as characters, or cut short: nothing more to do.
        }
    }

    private static HearthException expected(HttpServletRequest req, Throwable error) {
        if (error instanceof HearthException e) {
            if (e.status() >= 500) {
                LOG.error("{} {} failed: {}", req.getMethod(), req.getRequestURI(), e.getMessage(), e);
            } else {
                LOG.debug("{} {}: {} {}", req.getMethod(), req.getRequestURI(), e.status(), e.getMessage());
            }
            return e;
        }
        StatusException client = ContainerErrors.clientError(error);
        if (client != null) {
            LOG.debug("{} {}: {} {}", req.getMethod(), req.getRequestURI(), client.status(), error.toString());
            return client;
        }
        LOG.error("{} {} failed", req.getMethod(), req.getRequestURI(), error);
        return new StatusException(500, "Internal Server Error");
    }

    private static void writeApi(HttpServletRequest req, HttpServletResponse resp, HearthException e)
            throws IOException {
        if (e instanceof ApiException api) {
            send(resp, Document.MEDIA_TYPE, Json.bytes(ErrorObject.of(api).asBody()));
        } else if (e instanceof CouchException couch) {
            ErrorObject error =
                    new ErrorObject(Integer.toString(couch.status()), couch.error(), null, couch.reason(), null);
            send(resp, Document.MEDIA_TYPE, Json.bytes(error.asBody()));
        } else {
            writeMessage(req, resp, e.getMessage());
        }
    }

    private static void writeCouch(HttpServletResponse resp, HearthException e) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (e instanceof CouchException couch) {
            body.put("ok", false);
            body.put("status", Integer.toString(couch.status()));
            body.put("error", couch.error());
            body.put("reason", couch.reason());
        } else if (e instanceof StatusException) {
            body.put("error", "code=" + e.status() + ", message=" + e.getMessage());
        } else if (e instanceof ApiException api) {
            body.put("error", api.title() + "(" + api.status() + "): " + api.detail());
        } else {
            body.put("error", e.getMessage());
        }
        send(resp, JSON, Json.bytes(body));
    }

    /** The formats of a bare message. */
    enum MessageFormat {
        JSON,
        HTML,
        TEXT
    }

    /**
     * JSON by default and for any JSON media type ({@code application/vnd.api+json} too); HTML when
     * the client asks for HTML rather than JSON; text when it asks for text only.
     */
    static MessageFormat negotiate(String accept) {
        String a = accept == null ? "" : accept;
        boolean html = a.contains("text/html");
        if (a.contains("/json") || a.contains("+json") || !html && !a.contains("text/plain")) {
            return MessageFormat.JSON;
        }
        return html ? MessageFormat.HTML : MessageFormat.TEXT;
    }

    private static void writeMessage(HttpServletRequest req, HttpServletResponse resp, String message)
            throws IOException {
        switch (negotiate(req.getHeader("Accept"))) {
            case JSON -> send(resp, JSON, Json.bytes(Map.of("error", message)));
            case HTML ->
                send(resp, "text/html", htmlPage(resp.getStatus(), message).getBytes(StandardCharsets.UTF_8));
            case TEXT -> send(resp, "text/plain", message.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String htmlPage(int status, String message) {
        String text = Html.escape(message);
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + text + "</title></head><body><h1>"
                + status + "</h1><p>" + text + "</p></body></html>";
    }

    static void send(HttpServletResponse resp, String type, byte[] body) throws IOException {
        resp.setContentType(type);
        resp.setCharacterEncoding("UTF-8");
        ServletOutputStream out;
        try {
            out = resp.getOutputStream();
        } catch (IllegalStateException writerTaken) {
            // The servlet took the writer before it sent the error (the Web Console's plugins do);
            // closed after the body, so what the servlet writes once the error returns is dropped.
            PrintWriter writer = resp.getWriter();
            writer.write(new String(body, StandardCharsets.UTF_8));
            writer.close();
            return;
        }
        resp.setContentLength(body.length);
        out.write(body);
    }
}
