package dev.hearth.js.internal;

import dev.hearth.common.net.CheckedSockets;
import dev.hearth.common.net.PublicAddresses;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * One HTTP/1.1 exchange over a socket connected to the address the {@link EgressPolicy} checked
 * (so a second DNS answer cannot send it elsewhere), TLS verified against the URL's host name,
 * bounded by a deadline and by a byte limit on the response (decoded size included).
 */
final class HttpExchange {
    record Response(int status, String reason, List<String[]> headers, byte[] body) {}

    /** The exchange went over its byte limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("response larger than the run's remaining request budget");
        }
    }

    private HttpExchange() {}

    static Response send(
            EgressPolicy.Target target,
            String method,
            List<String[]> headers,
            byte[] body,
            long deadlineNanos,
            long maxBytes)
            throws IOException {
        try (Socket socket = connect(target, deadlineNanos)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(target, method, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            Reader in = new Reader(new BufferedInputStream(socket.getInputStream()), socket, deadlineNanos);
            Response r;
            do {
                r = readHead(in);
            } while (r.status() >= 100 && r.status() < 200);
            boolean noBody = method.equals("HEAD") || r.status() == 204 || r.status() == 304;
            byte[] raw = noBody ? new byte[0] : readBody(in, r.headers(), maxBytes);
            return new Response(
                    r.status(),
                    r.reason(),
                    r.headers(),
                    decode(raw, header(r.headers(), "content-encoding"), maxBytes));
        }
    }

    private static Socket connect(EgressPolicy.Target target, long deadlineNanos) throws IOException {
        return CheckedSockets.open(
                target.address(),
                target.uri().getHost(),
                target.secure(),
                timeoutMillis(deadlineNanos),
                timeoutMillis(deadlineNanos));
    }

    private static String head(EgressPolicy.Target target, String method, List<String[]> headers, int length) {
        var uri = target.uri();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        int port = PublicAddresses.port(uri);
        boolean defaultPort = port == (target.secure() ? 443 : 80);
        StringBuilder h = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        h.append("Host: ")
                .append(uri.getHost())
                .append(defaultPort ? "" : ":" + port)
                .append("\r\n");
        for (String[] kv : headers) {
            String name = kv[0].toLowerCase(Locale.ROOT);
            if (!name.equals("host")
                    && !name.equals("connection")
                    && !name.equals("content-length")
                    && !name.equals("transfer-encoding")
                    && !name.equals("accept-encoding")) {
                h.append(clean(kv[0])).append(": ").append(clean(kv[1])).append("\r\n");
            }
        }
        h.append("Accept-Encoding: gzip, deflate\r\nConnection: close\r\n");
        if (length > 0 || !(method.equals("GET") || method.equals("HEAD"))) {
            h.append("Content-Length: ").append(length).append("\r\n");
        }
        return h.append("\r\n").toString();
    }

    private static String clean(String s) {
        return s.replaceAll("[\\r\\n\\x00]", " ");
    }

    private static Response readHead(Reader in) throws IOException {
        String status = in.line();
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response");
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status line");
        }
        List<String[]> headers = new ArrayList<>();
        for (String line = in.line(); !line.isEmpty(); line = in.line()) {
            int colon = line.indexOf(':');
            if (colon > 0 && headers.size() < 500) {
                headers.add(new String[] {
                    line.substring(0, colon).strip(), line.substring(colon + 1).strip()
                });
            }
        }
        return new Response(code, parts.length > 2 ? parts[2] : "", headers, new byte[0]);
    }

    private static byte[] readBody(Reader in, List<String[]> headers, long maxBytes) throws IOException {
        String te = header(headers, "transfer-encoding");
        String cl = header(headers, "content-length");
        Limited out = new Limited(maxBytes);
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            for (long size = chunkSize(in.line()); size > 0; size = chunkSize(in.line())) {
                in.copy(out, size);
                in.line();
            }
            for (String trailer = in.line(); !trailer.isEmpty(); trailer = in.line()) {
                // trailers are dropped
            }
        } else if (cl != null) {
            long length;
            try {
                length = Long.parseLong(cl.strip());
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length");
            }
            in.copy(out, length);
        } else {
            in.copy(out, Long.MAX_VALUE);
        }
        return out.toByteArray();
    }

    private static long chunkSize(String line) throws IOException {
        int semi = line.indexOf(';');
        try {
            return Long.parseLong((semi >= 0 ? line.substring(0, semi) : line).strip(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size");
        }
    }

    private static byte[] decode(byte[] raw, String encoding, long maxBytes) throws IOException {
        if (encoding == null || raw.length == 0) {
            return raw;
        }
        String e = encoding.strip().toLowerCase(Locale.ROOT);
        InputStream in;
        if (e.equals("gzip") || e.equals("x-gzip")) {
            in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw));
        } else if (e.equals("deflate")) {
            in = new InflaterInputStream(new java.io.ByteArrayInputStream(raw));
        } else {
            return raw;
        }
        Limited out = new Limited(maxBytes);
        try (in) {
            in.transferTo(out);
        } catch (java.io.UncheckedIOException x) {
            throw x.getCause();
        }
        return out.toByteArray();
    }

    static String header(List<String[]> headers, String name) {
        for (String[] kv : headers) {
            if (kv[0].equalsIgnoreCase(name)) {
                return kv[1];
            }
        }
        return null;
    }

    private static int timeoutMillis(long deadlineNanos) throws SocketTimeoutException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** A byte sink that refuses to grow past its limit. */
    private static final class Limited extends ByteArrayOutputStream {
        private final long max;

        Limited(long max) {
            this.max = max;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + (long) len > max) {
                throw new java.io.UncheckedIOException(new TooLarge());
            }
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    /** Reads lines and counted bytes, re-arming the socket timeout to the deadline each time. */
    private record Reader(InputStream in, Socket socket, long deadlineNanos) {
        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = read(); b != '\n'; b = read()) {
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

        private int read() throws IOException {
            socket.setSoTimeout(timeoutMillis(deadlineNanos));
            return in.read();
        }

        void copy(Limited out, long length) throws IOException {
            byte[] buffer = new byte[16 * 1024];
            long left = length;
            while (left > 0) {
                socket.setSoTimeout(timeoutMillis(deadlineNanos));
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    if (length == Long.MAX_VALUE) {
                        return;
                    }
                    throw new IOException("connection closed early");
                }
                try {
                    out.write(buffer, 0, n);
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
                left -= n;
            }
        }
    }
}
