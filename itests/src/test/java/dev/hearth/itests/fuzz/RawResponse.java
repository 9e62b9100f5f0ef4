package dev.hearth.itests.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A response as read off the socket, parsed by hand so that nothing is normalized away: the
 * status line, the header fields as sent, the body after chunked decoding. When no complete
 * response came, {@link #error} says what happened instead.
 */
record RawResponse(int status, String statusLine, List<Header> headers, byte[] body, String error) {
    /** Bodies are kept up to this size; the rest is read and dropped. */
    static final int MAX_BODY = 16 << 20;

    private static final int MAX_LINE = 64 << 10;

    static RawResponse failed(String error) {
        return new RawResponse(0, "", List.of(), new byte[0], error);
    }

    boolean ok() {
        return error == null;
    }

    String header(String name) {
        return headers.stream()
                .filter(h -> h.is(name))
                .map(Header::value)
                .findFirst()
                .orElse(null);
    }

    /** The media type of the body, lower case, without parameters; empty when there is none. */
    String mediaType() {
        String type = header("Content-Type");
        if (type == null) {
            return "";
        }
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Status line, media type and the start of the body, for a report. */
    String excerpt() {
        if (error != null) {
            return "(" + error + ")";
        }
        String type = mediaType().isEmpty() ? "no Content-Type" : mediaType();
        return statusLine + " [" + type + ", " + body.length + " bytes] " + Wire.oneLine(body, 200);
    }

    /**
     * Reads one final response (skipping 1xx interim ones but 101). {@code headRequest}: the
     * request was a HEAD, so no body follows whatever the headers say.
     */
    static RawResponse read(InputStream in, boolean headRequest) {
        String statusLine = "";
        try {
            while (true) {
                statusLine = line(in);
                if (statusLine == null) {
                    return failed("connection closed without a response");
                }
                if (!statusLine.matches("HTTP/\\d\\.\\d \\d{3}( .*)?")) {
                    return failed("malformed status line: " + Wire.oneLine(Wire.bytes(statusLine), 80));
                }
                int status = Integer.parseInt(statusLine.substring(9, 12));
                List<Header> headers = headers(in);
                if (status >= 100 && status < 200 && status != 101) {
                    continue;
                }
                boolean bodiless = headRequest || status == 101 || status == 204 || status == 304;
                byte[] body = bodiless ? new byte[0] : body(in, headers);
                return new RawResponse(status, statusLine, List.copyOf(headers), body, null);
            }
        } catch (SocketTimeoutException e) {
            return failed(statusLine.isEmpty() ? "no response before the timeout" : "response cut by the timeout");
        } catch (SocketException e) {
            return failed(
                    statusLine.isEmpty()
                            ? "connection reset without a response"
                            : "connection reset during the response");
        } catch (IOException | RuntimeException e) {
            return failed("unreadable response: " + e.getMessage());
        }
    }

    private static List<Header> headers(InputStream in) throws IOException {
        List<Header> headers = new ArrayList<>();
        while (true) {
            String line = line(in);
            if (line == null) {
                throw new EOFException("headers cut");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line " + Wire.oneLine(Wire.bytes(line), 80));
            }
            headers.add(new Header(
                    line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
    }

    private static byte[] body(InputStream in, List<Header> headers) throws IOException {
        String te = value(headers, "Transfer-Encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            return chunked(in);
        }
        String length = value(headers, "Content-Length");
        if (length != null) {
            long n = Long.parseLong(length.trim());
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(n, 1 << 16));
            copy(in, out, n);
            return out.toByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy(in, out, Long.MAX_VALUE);
        return out.toByteArray();
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new EOFException("chunked body cut");
            }
            int semi = size.indexOf(';');
            long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                headers(in);
                return out.toByteArray();
            }
            copy(in, out, n);
            line(in);
        }
    }

    /** Copies {@code n} bytes (or up to EOF when n is MAX_VALUE), keeping at most {@link #MAX_BODY}. */
    private static void copy(InputStream in, ByteArrayOutputStream out, long n) throws IOException {
        byte[] buffer = new byte[8192];
        long left = n;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("body cut after " + (n - left) + " of " + n + " bytes");
            }
            if (out.size() < MAX_BODY) {
                out.write(buffer, 0, Math.min(read, MAX_BODY - out.size()));
            }
            left -= read;
        }
    }

    private static String value(List<Header> headers, String name) {
        return headers.stream()
                .filter(h -> h.is(name))
                .map(Header::value)
                .findFirst()
                .orElse(null);
    }

    /** A line without its CRLF, as a wire string; null at EOF before any byte. */
    static String line(InputStream in) throws IOException {
        StringBuilder out = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (out.isEmpty()) {
                    return null;
                }
                throw new EOFException("line cut");
            }
            if (c == '\n') {
                int end = out.length();
                return end > 0 && out.charAt(end - 1) == '\r' ? out.substring(0, end - 1) : out.toString();
            }
            if (out.length() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE);
            }
            out.append((char) c);
        }
    }
}
