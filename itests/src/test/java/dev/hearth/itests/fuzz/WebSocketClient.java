package dev.hearth.itests.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;

/**
 * A websocket client over a plain socket (RFC 6455) that writes any frame, legal or not: bad
 * opcodes, reserved bits, unmasked or oversized frames, broken fragmentation. It reads the
 * server's frames as they are, so the oracle can judge them.
 */
final class WebSocketClient implements AutoCloseable {
    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** A frame as read from the server, or the end of the connection ({@link #END}). */
    record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        static final Frame END = new Frame(true, 0, -1, false, new byte[0]);

        boolean isEnd() {
            return opcode == -1;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame, or 1005 (none) when it has no payload. */
        int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : 1005;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Random masks;
    final RawResponse handshake;

    private WebSocketClient(Socket socket, RawResponse handshake, InputStream in, Random masks) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.handshake = handshake;
        this.masks = masks;
    }

    /** Connects and sends the upgrade request as given; the client is open whatever the answer. */
    static WebSocketClient connect(int port, byte[] upgrade, Random random) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(upgrade);
        InputStream in = new BufferedInputStream(socket.getInputStream());
        return new WebSocketClient(socket, RawResponse.read(in, false), in, random);
    }

    /** The upgrade request of the io.cozy.websocket protocol with the given key. */
    static String upgrade(String host, String key) {
        return "GET /realtime/ HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: io.cozy.websocket\r\n\r\n";
    }

    /** The Sec-WebSocket-Accept value a server must answer to {@code key}. */
    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void text(String text) throws IOException {
        send(true, 0, 1, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one frame; {@code masked} false breaks the rule that client frames are masked. */
    void send(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | opcode & 0xF);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] key = new byte[4];
        masks.nextBytes(key);
        if (masked) {
            frame.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Writes bytes as they are (a frame header announcing more than follows, say). */
    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame within {@code wait}; null when none came; {@link Frame#END} when the connection ended. */
    Frame read(Duration wait) {
        try {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            int b0 = in.read();
            if (b0 < 0) {
                return Frame.END;
            }
            socket.setSoTimeout(5_000);
            int b1 = readByte();
            long length = b1 & 0x7F;
            if (length == 126) {
                length = readByte() << 8 | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = length << 8 | readByte();
                }
            }
            if (length < 0 || length > (1 << 24)) {
                throw new IOException("frame of " + length + " bytes");
            }
            byte[] key = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
            byte[] payload = in.readNBytes((int) length);
            if (payload.length < length) {
                return Frame.END;
            }
            if (key != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= key[i & 3];
                }
            }
            return new Frame((b0 & 0x80) != 0, b0 >> 4 & 0x7, b0 & 0xF, key != null, payload);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            return Frame.END;
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
