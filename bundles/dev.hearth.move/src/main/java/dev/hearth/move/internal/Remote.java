package dev.hearth.move.internal;

import dev.hearth.common.error.ApiException;
import dev.hearth.common.net.CheckedSockets;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The calls one server makes to another during a move, each one HTTP/1.1 exchange over a socket
 * connected to the address {@link Egress} checked (TLS verified against the URL's host name).
 * Redirects are never followed, so a token sent to one address never reaches another.
 */
final class Remote {
    private static final int CONNECT_MILLIS = 10_000;
    private static final int READ_MILLIS = 30_000;
    private static final int DOWNLOAD_IDLE_MILLIS = 120_000;
    private static final int MAX_ANSWER = 1 << 20;

    /** What the other server answered. */
    record Answer(int status, String body) {}

    private final Egress egress;

    Remote(Egress egress) {
        this.egress = egress;
    }

    /**
     * The base URL of an instance ({@code scheme://host[:port]}), or 422 on {@code attribute} when
     * it is not an http(s) address or names a host this server may not reach.
     */
    String base(String url, String attribute) {
        URI u;
        try {
            u = new URI(url.contains("://") ? url : "https://" + url);
        } catch (URISyntaxException e) {
            throw ApiException.invalidAttribute(attribute, "It is not an address");
        }
        egress.check(u, attribute);
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getRawAuthority();
    }

    /** Checks a full URL as {@link #base} does, keeping its path. */
    void checkUrl(String url, String attribute) {
        try {
            egress.check(new URI(url), attribute);
        } catch (URISyntaxException e) {
            throw ApiException.invalidAttribute(attribute, "It is not an address");
        }
    }

    Answer post(String url, @Nullable String bearer, @Nullable String json) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        try {
            Exchange x = open(url, "POST", bearer, json == null ? null : "application/vnd.api+json", body, READ_MILLIS);
            try (InputStream in = x.body()) {
                byte[] answer = in.readNBytes(MAX_ANSWER);
                return new Answer(x.status(), new String(answer, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw unreachable(url, e.getMessage());
        }
    }

    /** Opens the body of {@code url}; the caller closes it. */
    InputStream download(String url) {
        try {
            Exchange x = open(url, "GET", null, null, new byte[0], DOWNLOAD_IDLE_MILLIS);
            if (x.status() != 200) {
                x.body().close();
                throw new ApiException(502, "Bad Gateway", "The export link answered " + x.status(), null, null);
            }
            return x.body();
        } catch (IOException e) {
            throw unreachable(url, e.getMessage());
        }
    }

    /** A refusal by the other server, with what it said. */
    static ApiException refused(String what, Answer a) {
        String body = a.body().length() > 300 ? a.body().substring(0, 300) : a.body();
        return new ApiException(502, "Bad Gateway", what + " answered " + a.status() + ": " + body, null, null);
    }

    private record Exchange(int status, InputStream body) {}

    private Exchange open(
            String url, String method, @Nullable String bearer, @Nullable String type, byte[] body, int readMillis)
            throws IOException {
        Egress.Target target = egress.check(URI.create(url), "url");
        Socket socket = connect(target, readMillis);
        try {
            OutputStream out = socket.getOutputStream();
            out.write(head(target, method, bearer, type, body.length).getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int status;
            String te = null;
            String cl = null;
            do {
                String[] parts = line(in).split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                    throw new IOException("not an HTTP response");
                }
                try {
                    status = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IOException("bad HTTP status line");
                }
                for (String h = line(in); !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    if (colon > 0) {
                        String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                        String value = h.substring(colon + 1).strip();
                        if (name.equals("transfer-encoding")) {
                            te = value.toLowerCase(Locale.ROOT);
                        } else if (name.equals("content-length")) {
                            cl = value;
                        }
                    }
                }
            } while (status >= 100 && status < 200);
            InputStream content;
            if (method.equals("HEAD") || status == 204 || status == 304) {
                content = InputStream.nullInputStream();
            } else if (te != null && te.contains("chunked")) {
                content = new Chunked(in);
            } else if (cl != null) {
                try {
                    content = new Counted(in, Long.parseLong(cl));
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length");
                }
            } else {
                content = in;
            }
            return new Exchange(status, new FilterInputStream(content) {
                @Override
                public void close() throws IOException {
                    socket.close();
                }
            });
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket connect(Egress.Target target, int readMillis) throws IOException {
        return CheckedSockets.open(
                target.address(), target.uri().getHost(), target.secure(), CONNECT_MILLIS, readMillis);
    }

    private static String head(
            Egress.Target target, String method, @Nullable String bearer, @Nullable String type, int length) {
        URI uri = target.uri();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder h = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        h.append("Host: ").append(uri.getRawAuthority()).append("\r\n");
        if (bearer != null) {
            h.append("Authorization: Bearer ").append(clean(bearer)).append("\r\n");
        }
        if (type != null) {
            h.append("Content-Type: ").append(type).append("\r\n");
        }
        h.append("Connection: close\r\n");
        if (!method.equals("GET")) {
            h.append("Content-Length: ").append(length).append("\r\n");
        }
        return h.append("\r\n").toString();
    }

    private static String clean(String s) {
        return s.replaceAll("[\\r\\n\\x00]", " ");
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed early");
            }
            if (line.size() > 16 * 1024) {
                throw new IOException("header line too long");
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** A body of a known length. */
    private static final class Counted extends FilterInputStream {
        private long left;

        Counted(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("connection closed early");
            }
            left -= n;
            return n;
        }
    }

    /** A chunked body; trailers are dropped. */
    private static final class Chunked extends FilterInputStream {
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                int semi = size.indexOf(';');
                try {
                    left = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size");
                }
                if (left == 0) {
                    for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                        // dropped
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("connection closed early");
            }
            left -= n;
            if (left == 0) {
                line(in);
            }
            return n;
        }
    }

    private static ApiException unreachable(String url, @Nullable String why) {
        URI u = URI.create(url);
        return new ApiException(
                502,
                "Bad Gateway",
                "Cannot reach " + u.getScheme() + "://" + u.getRawAuthority() + ": " + why,
                null,
                null);
    }
}
