package dev.hearth.datasystem.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte layout of a view index. A row's map key is the key's collation encoding ({@code
 * IndexKeys}), then the document id's UTF-8 bytes escaped so that they end with a 0x00 terminator
 * (0x00 as 0x01 0x01, 0x01 as 0x01 0x02), then the emit's index in 4 bytes: rows sort by key in
 * CouchDB collation, then by document id in raw (code point) order, as in CouchDB, then in emit
 * order. A row's value is the id, the key's JSON and the value's JSON, each length-prefixed
 * except the last, so that rows are written out without parsing them. A document's entry in the
 * by-id map lists the row keys it emitted, so that its rows can be removed when it changes.
 */
public final class ViewRows {
    private ViewRows() {}

    /** A stored row, as text. */
    public record Row(String id, String key, String value) {}

    /** The prefix of every row of one key and one document. */
    public static byte[] docPrefix(byte[] key, String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(key.length + id.length() + 8);
        out.writeBytes(key);
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            if (b == 0x00 || b == 0x01) {
                out.write(0x01);
                out.write(b + 1);
            } else {
                out.write(b);
            }
        }
        out.write(0x00);
        return out.toByteArray();
    }

    public static byte[] rowKey(byte[] docPrefix, int emit) {
        byte[] out = new byte[docPrefix.length + 4];
        System.arraycopy(docPrefix, 0, out, 0, docPrefix.length);
        for (int i = 0; i < 4; i++) {
            out[docPrefix.length + i] = (byte) (emit >>> (24 - 8 * i));
        }
        return out;
    }

    public static byte[] rowValue(String id, String keyJson, String valueJson) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        byte[] keyBytes = keyJson.getBytes(StandardCharsets.UTF_8);
        byte[] valueBytes = valueJson.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(idBytes.length + keyBytes.length + valueBytes.length + 10);
        varint(out, idBytes.length);
        out.writeBytes(idBytes);
        varint(out, keyBytes.length);
        out.writeBytes(keyBytes);
        out.writeBytes(valueBytes);
        return out.toByteArray();
    }

    public static Row row(byte[] value) {
        int[] pos = {0};
        int idLength = readVarint(value, pos);
        String id = new String(value, pos[0], idLength, StandardCharsets.UTF_8);
        pos[0] += idLength;
        int keyLength = readVarint(value, pos);
        String key = new String(value, pos[0], keyLength, StandardCharsets.UTF_8);
        pos[0] += keyLength;
        return new Row(id, key, new String(value, pos[0], value.length - pos[0], StandardCharsets.UTF_8));
    }

    /** The by-id entry: the row keys of one document. */
    public static byte[] keyList(List<byte[]> keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, keys.size());
        for (byte[] key : keys) {
            varint(out, key.length);
            out.writeBytes(key);
        }
        return out.toByteArray();
    }

    public static List<byte[]> keys(byte[] list) {
        int[] pos = {0};
        int n = readVarint(list, pos);
        List<byte[]> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int length = readVarint(list, pos);
            byte[] key = new byte[length];
            System.arraycopy(list, pos[0], key, 0, length);
            pos[0] += length;
            keys.add(key);
        }
        return keys;
    }

    private static void varint(ByteArrayOutputStream out, int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int readVarint(byte[] in, int[] pos) {
        int result = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in[pos[0]++];
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }
}
