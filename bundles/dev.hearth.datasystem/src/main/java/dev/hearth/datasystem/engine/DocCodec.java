package dev.hearth.datasystem.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * The stored form of a {@link DocRecord}. The winning revision comes first, so that reading a
 * document by id decodes only what it returns:
 *
 * <pre>
 * u8 format(1) | varlong seq | u8 winnerFlags | varint winnerPos | str winnerHash | bytes winnerBody
 * | varint nodeCount | nodes: varint pos, str hash, varint parent+1, u8 flags, [bytes body]
 * </pre>
 *
 * Flags: 1 deleted, 2 body follows, 4 this node is the winner (its body is in the header).
 */
public final class DocCodec {
    private static final int FORMAT = 1;
    private static final int DELETED = 1;
    private static final int HAS_BODY = 2;
    private static final int WINNER = 4;
    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private DocCodec() {}

    /** What a read of the winning revision needs. */
    public record Winner(long seq, int pos, String hash, boolean deleted, byte[] body) {
        public String rev() {
            return pos + "-" + hash;
        }
    }

    public static byte[] encode(DocRecord record) {
        int w = record.winner();
        RevNode winner = record.nodes.get(w);
        Out out = new Out(64 + (winner.body == null ? 0 : winner.body.length));
        out.write(FORMAT);
        out.varLong(record.seq);
        out.write(winner.deleted ? DELETED : 0);
        out.varInt(winner.pos);
        out.string(winner.hash);
        out.bytes(winner.body == null ? EMPTY_OBJECT : winner.body);
        out.varInt(record.nodes.size());
        for (int i = 0; i < record.nodes.size(); i++) {
            RevNode n = record.nodes.get(i);
            int flags = (n.deleted ? DELETED : 0) | (i == w ? WINNER : n.body != null ? HAS_BODY : 0);
            out.varInt(n.pos);
            out.string(n.hash);
            out.varInt(n.parent + 1);
            out.write(flags);
            if ((flags & HAS_BODY) != 0) {
                out.bytes(n.body);
            }
        }
        return out.toByteArray();
    }

    /** Whether the winning revision is a deletion, from the first bytes only. */
    public static boolean winnerDeleted(byte[] data) {
        In in = new In(data);
        in.format();
        in.varLong();
        return (in.read() & DELETED) != 0;
    }

    /** Decodes only the header: the winning revision and the sequence. */
    public static Winner winner(byte[] data) {
        In in = new In(data);
        in.format();
        long seq = in.varLong();
        boolean deleted = (in.read() & DELETED) != 0;
        int pos = in.varInt();
        String hash = in.string();
        return new Winner(seq, pos, hash, deleted, in.bytes());
    }

    public static DocRecord decode(String id, byte[] data) {
        In in = new In(data);
        in.format();
        long seq = in.varLong();
        in.read();
        in.varInt();
        in.string();
        byte[] winnerBody = in.bytes();
        int count = in.varInt();
        ArrayList<RevNode> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int pos = in.varInt();
            String hash = in.string();
            int parent = in.varInt() - 1;
            int flags = in.read();
            byte[] body = (flags & HAS_BODY) != 0 ? in.bytes() : (flags & WINNER) != 0 ? winnerBody : null;
            nodes.add(new RevNode(pos, hash, parent, (flags & DELETED) != 0, body));
        }
        return new DocRecord(id, seq, nodes);
    }

    private static final class Out extends ByteArrayOutputStream {
        Out(int size) {
            super(size);
        }

        void varInt(int v) {
            varLong(v & 0xffffffffL);
        }

        void varLong(long v) {
            while ((v & ~0x7fL) != 0) {
                write((int) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        void string(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] b) {
            varInt(b.length);
            write(b, 0, b.length);
        }
    }

    private static final class In {
        private final byte[] data;
        private int at;

        In(byte[] data) {
            this.data = data;
        }

        void format() {
            int format = read();
            if (format != FORMAT) {
                throw new IllegalStateException("Unknown document record format " + format);
            }
        }

        int read() {
            return data[at++] & 0xff;
        }

        int varInt() {
            return (int) varLong();
        }

        long varLong() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                int b = read();
                v |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
        }

        String string() {
            int len = varInt();
            String s = new String(data, at, len, StandardCharsets.UTF_8);
            at += len;
            return s;
        }

        byte[] bytes() {
            int len = varInt();
            byte[] b = new byte[len];
            System.arraycopy(data, at, b, 0, len);
            at += len;
            return b;
        }
    }
}
