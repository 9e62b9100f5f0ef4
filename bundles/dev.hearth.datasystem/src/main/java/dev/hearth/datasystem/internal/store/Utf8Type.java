package dev.hearth.datasystem.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Strings stored as a length and their UTF-8 bytes. MVStore's own string type writes each
 * character as a variable-length integer, which dominated the cost of bulk writes; this one
 * copies bytes. Ordered as {@link String#compareTo}.
 */
final class Utf8Type extends BasicDataType<String> {
    static final Utf8Type INSTANCE = new Utf8Type();

    private Utf8Type() {}

    @Override
    public int compare(String a, String b) {
        return a.compareTo(b);
    }

    /**
     * The search of a page's keys with the comparison inlined: the inherited one calls
     * {@link #compare} through a call site shared by every key type, which the compiler cannot
     * inline, once per key compared on each level of each descent.
     */
    @Override
    public int binarySearch(String key, Object storage, int size, int initialGuess) {
        Object[] keys = (Object[]) storage;
        int low = 0;
        int high = size - 1;
        int x = initialGuess - 1;
        if (x < 0 || x > high) {
            x = high >>> 1;
        }
        while (low <= high) {
            int c = key.compareTo((String) keys[x]);
            if (c > 0) {
                low = x + 1;
            } else if (c < 0) {
                high = x - 1;
            } else {
                return x;
            }
            x = (low + high) >>> 1;
        }
        return -(low + 1);
    }

    @Override
    public int getMemory(String s) {
        return 24 + 2 * s.length();
    }

    @Override
    public void write(WriteBuffer buff, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        buff.putVarInt(bytes.length).put(bytes);
    }

    @Override
    public String read(ByteBuffer buff) {
        int length = DataUtils.readVarInt(buff);
        if (!buff.hasArray()) {
            byte[] bytes = new byte[length];
            buff.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        String s = new String(buff.array(), buff.arrayOffset() + buff.position(), length, StandardCharsets.UTF_8);
        buff.position(buff.position() + length);
        return s;
    }

    @Override
    public String[] createStorage(int size) {
        return new String[size];
    }
}
