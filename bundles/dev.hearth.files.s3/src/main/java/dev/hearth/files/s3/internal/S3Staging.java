package dev.hearth.files.s3.internal;

import dev.hearth.files.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streams one upload to a staging object: the content is read one part at a time (the only copy
 * held in memory), its MD5 and size computed on the way. Content that fits in one part is a single
 * PUT; longer content is a multipart upload completed when the stream ends. Every part carries its
 * own Content-MD5, so the server refuses bytes damaged on the way. Whatever fails, nothing stays
 * behind: a started multipart upload is aborted.
 */
final class S3Staging {
    private static final int FIRST_BUFFER = 64 * 1024;

    private final S3Client s3;
    private final String key;
    private final int partSize;
    private final MessageDigest whole = newMd5();
    private byte[] buffer;
    private long size;

    S3Staging(S3Client s3, String key, int partSize) {
        this.s3 = s3;
        this.key = key;
        this.partSize = partSize;
        this.buffer = new byte[Math.min(FIRST_BUFFER, partSize)];
    }

    /** Reads {@code content} to its end into the staging object; returns its size. */
    long run(InputStream content, long maxBytes) throws IOException {
        int filled = fill(content, maxBytes);
        if (filled < partSize) {
            s3.put(key, buffer, filled, partMd5(filled));
            return size;
        }
        String uploadId = s3.createMultipart(key);
        boolean done = false;
        try {
            List<String> etags = new ArrayList<>();
            while (filled > 0) {
                etags.add(s3.uploadPart(key, uploadId, etags.size() + 1, buffer, filled, partMd5(filled)));
                filled = filled < partSize ? 0 : fill(content, maxBytes);
            }
            s3.complete(key, uploadId, etags);
            done = true;
        } finally {
            if (!done) {
                abortQuietly(uploadId);
            }
        }
        return size;
    }

    byte[] md5() {
        return whole.digest();
    }

    /** Reads up to one part into the buffer (growing it up to the part size); returns how much. */
    private int fill(InputStream content, long maxBytes) throws IOException {
        int filled = 0;
        while (filled < partSize) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, partSize));
            }
            long allowed = maxBytes - size + 1;
            int want = (int) Math.min(buffer.length - filled, Math.max(1, allowed));
            int n = content.read(buffer, filled, want);
            if (n < 0) {
                break;
            }
            size += n;
            if (size > maxBytes) {
                throw new BlobStore.TooLargeException(maxBytes);
            }
            whole.update(buffer, filled, n);
            filled += n;
        }
        return filled;
    }

    private byte[] partMd5(int length) {
        MessageDigest part = newMd5();
        part.update(buffer, 0, length);
        return part.digest();
    }

    private void abortQuietly(String uploadId) {
        try {
            s3.abort(key, uploadId);
        } catch (IOException e) {
            // The clean-up of staged uploads aborts it later.
        }
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from the JDK", e);
        }
    }
}
