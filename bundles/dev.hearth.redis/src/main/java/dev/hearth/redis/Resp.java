package dev.hearth.redis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * One connection to a Redis server speaking RESP2: commands are arrays of bulk strings; replies
 * are read as {@code String} (simple string), {@code Long}, {@code byte[]} (bulk string),
 * {@code List<Object>} (array) or {@code null}; an error reply is thrown as {@link Error}.
 * Not thread-safe: each user holds its own connection.
 */
public final class Resp implements AutoCloseable {
    /** A reply longer than this is refused (Redis' own limit on a bulk string is 512 MB). */
    private static final int MAX_BULK = 64 * 1024 * 1024;

    private static final int MAX_ARRAY = 1024 * 1024;

    /** An error reply of the server. */
    public static final class Error extends IOException {
        private static final long serialVersionUID = 1L;

        Error(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Resp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    /** Connects, and authenticates when the endpoint has a password. */
    public static Resp connect(RedisEndpoint endpoint, Duration timeout) throws IOException {
        Socket socket = endpoint.tls() ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        try {
            socket.setKeepAlive(true);
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            Resp resp = new Resp(socket);
            if (endpoint.password() != null) {
                if (endpoint.user() != null) {
                    resp.call("AUTH", endpoint.user(), endpoint.password());
                } else {
                    resp.call("AUTH", endpoint.password());
                }
            }
            return resp;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** How long a read waits before {@link java.net.SocketTimeoutException}; 0 waits forever. */
    public void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    /** Sends a command and reads its reply. */
    @Nullable
    public Object call(Object... args) throws IOException {
        send(args);
        return read();
    }

    /** Sends a command without reading its reply; each argument is a String or a byte[]. */
    public void send(Object... args) throws IOException {
        out.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (Object arg : args) {
            byte[] bytes = arg instanceof byte[] b ? b : String.valueOf(arg).getBytes(StandardCharsets.UTF_8);
            out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write('\r');
            out.write('\n');
        }
        out.flush();
    }

    /** Reads one reply. */
    @Nullable
    public Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("Redis closed the connection");
        }
        String line = line();
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new Error(line);
            case ':' -> Long.parseLong(line);
            case '$' -> bulk(Integer.parseInt(line));
            case '*' -> array(Integer.parseInt(line));
            default -> throw new IOException("Not a RESP reply: " + (char) type);
        };
    }

    private byte @Nullable [] bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        if (length > MAX_BULK) {
            throw new IOException("Reply of " + length + " bytes refused");
        }
        byte[] data = in.readNBytes(length);
        if (data.length < length || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("Truncated reply");
        }
        return data;
    }

    private @Nullable List<@Nullable Object> array(int count) throws IOException {
        if (count < 0) {
            return null;
        }
        if (count > MAX_ARRAY) {
            throw new IOException("Array of " + count + " elements refused");
        }
        List<@Nullable Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(read());
        }
        return items;
    }

    private String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(32);
        for (int c; (c = in.read()) != '\r'; ) {
            if (c < 0) {
                throw new EOFException("Truncated reply");
            }
            if (buffer.size() > 64 * 1024) {
                throw new IOException("Reply line too long");
            }
            buffer.write(c);
        }
        if (in.read() != '\n') {
            throw new IOException("Malformed reply line");
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a broken connection: nothing more to do.
        }
    }
}
