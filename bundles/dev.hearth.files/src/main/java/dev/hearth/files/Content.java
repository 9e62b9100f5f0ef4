package dev.hearth.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

/** A file to read: its document and a way to open its bytes at an offset. */
public record Content(ObjectNode doc, long size, String md5, Opener opener) {

    /** Opens the bytes of the file. */
    @FunctionalInterface
    public interface Opener {
        InputStream open(long offset) throws IOException;

        /** Opens the bytes as a channel (a {@link java.nio.channels.FileChannel} where possible). */
        default ReadableByteChannel channel(long offset) throws IOException {
            return Channels.newChannel(open(offset));
        }

        /** Reads {@code length} bytes from {@code offset} in one go (a small content). */
        default byte[] read(long offset, int length) throws IOException {
            try (InputStream in = open(offset)) {
                byte[] bytes = in.readNBytes(length);
                if (bytes.length < length) {
                    throw new IOException("The content is shorter than announced");
                }
                return bytes;
            }
        }

        /** Opens blob {@code key} of {@code domain} in {@code blobs}, as a stream or a channel. */
        static Opener of(BlobStore blobs, String domain, String key) {
            return new Opener() {
                @Override
                public InputStream open(long offset) throws IOException {
                    return blobs.open(domain, key, offset);
                }

                @Override
                public ReadableByteChannel channel(long offset) throws IOException {
                    return blobs.channel(domain, key, offset);
                }

                @Override
                public byte[] read(long offset, int length) throws IOException {
                    return blobs.read(domain, key, offset, length);
                }
            };
        }
    }

    public String name() {
        return doc.path("name").asText();
    }

    public String mime() {
        return doc.path("mime").asText("application/octet-stream");
    }
}
