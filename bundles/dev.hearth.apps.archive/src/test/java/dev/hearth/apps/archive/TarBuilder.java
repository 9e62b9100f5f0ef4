package dev.hearth.apps.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes tar archives byte by byte, including the malformed and malicious ones a tool would refuse to make. */
final class TarBuilder {
    static final int BLOCK = 512;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TarBuilder file(String name, String content) {
        return entry(name, '0', content.getBytes(StandardCharsets.UTF_8));
    }

    TarBuilder dir(String name) {
        return entry(name, '5', new byte[0]);
    }

    /** An entry of any type, its size the data's. */
    TarBuilder entry(String name, char type, byte[] data) {
        header(utf8(name), "", type, data.length, false);
        return data(data);
    }

    /** A POSIX entry whose name is split into the ustar {@code prefix} and {@code name} fields. */
    TarBuilder ustar(String prefix, String name, String content) {
        byte[] data = utf8(content);
        header(utf8(name), prefix, '0', data.length, false);
        return data(data);
    }

    /** A pax extended header for the next entry. */
    TarBuilder pax(Map<String, String> records) {
        return entry("PaxHeader/x", 'x', paxData(records));
    }

    /** A pax global header (as {@code git archive} writes). */
    TarBuilder paxGlobal(Map<String, String> records) {
        return entry("pax_global_header", 'g', paxData(records));
    }

    /** A GNU long name ({@code L}) or long link ({@code K}) header for the next entry. */
    TarBuilder gnuLong(char type, String name) {
        byte[] bytes = utf8(name + "\0");
        header(utf8("././@LongLink"), "", type, bytes.length, true);
        return data(bytes);
    }

    /**
     * A raw header: any name bytes, any declared size, POSIX or GNU magic; the data (if any) is
     * written separately with {@link #data} or {@link #raw}.
     */
    TarBuilder header(byte[] name, String prefix, char type, long declaredSize, boolean gnu) {
        byte[] block = new byte[BLOCK];
        System.arraycopy(name, 0, block, 0, Math.min(name.length, 100));
        octal(block, 100, 8, 0644);
        octal(block, 108, 8, 0);
        octal(block, 116, 8, 0);
        octal(block, 124, 12, declaredSize);
        octal(block, 136, 12, 1_700_000_000L);
        block[156] = (byte) type;
        byte[] magic = utf8(gnu ? "ustar  \0" : "ustar\u000000");
        System.arraycopy(magic, 0, block, 257, magic.length);
        byte[] prefixBytes = utf8(prefix);
        System.arraycopy(prefixBytes, 0, block, 345, prefixBytes.length);
        checksum(block);
        return raw(block);
    }

    /** Data padded to a block. */
    TarBuilder data(byte[] data) {
        raw(data);
        return raw(new byte[(BLOCK - data.length % BLOCK) % BLOCK]);
    }

    TarBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** The archive with its end-of-archive marker. */
    byte[] end() {
        raw(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    /** The archive so far, without an end marker. */
    byte[] unfinished() {
        return out.toByteArray();
    }

    /** The archive, ended, then gzipped. */
    byte[] tarGz() {
        return gzip(end());
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    /** A pax record set, each {@code "<length> key=value\n"} with the length counting itself. */
    static byte[] paxData(Map<String, String> records) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        records.forEach((key, value) -> {
            byte[] body = utf8(" " + key + "=" + value + "\n");
            int length = body.length + 1;
            while (Integer.toString(length).length() + body.length != length) {
                length++;
            }
            data.writeBytes(utf8(length + ""));
            data.writeBytes(body);
        });
        return data.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void octal(byte[] block, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        if (digits.length() > length - 1) {
            block[offset] = (byte) 0x80;
            for (int i = offset + length - 1; i > offset; i--, value >>>= 8) {
                block[i] = (byte) value;
            }
            return;
        }
        System.arraycopy(utf8(digits), 0, block, offset, length - 1);
        block[offset + length - 1] = 0;
    }

    private static void checksum(byte[] block) {
        for (int i = 148; i < 156; i++) {
            block[i] = ' ';
        }
        int sum = 0;
        for (byte b : block) {
            sum += b & 0xff;
        }
        byte[] digits = utf8(String.format("%06o", sum));
        System.arraycopy(digits, 0, block, 148, 6);
        block[154] = 0;
        block[155] = ' ';
    }
}
