package dev.hearth.files.internal;

import dev.hearth.common.id.Ids;
import dev.hearth.files.BlobStore;
import dev.hearth.instances.InstanceService;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The embedded blob store: each blob is a file {@code <instance>/files/blobs/<2 chars>/<key>} in the
 * instance folder. Content streams into {@code files/tmp/} (MD5 and size computed as it goes), and a
 * commit moves it into place atomically, so a blob is either whole or absent. It is the default: it
 * ranks below any other store, and the file system's {@code blobs.target} can name it
 * ({@code (hearth.blobs=local)}) or another one.
 */
@Component(
        service = BlobStore.class,
        property = {"hearth.blobs=local", "service.ranking:Integer=-100"})
public final class LocalBlobStore implements BlobStore {
    /** The first read: an upload that fits is hashed by the thread that writes it. */
    private static final int FIRST = 64 * 1024;
    /** The reads after the first, each written here while another thread hashes the one before. */
    private static final int BUFFER = 1 << 20;

    private final InstanceService instances;
    private final boolean fsync;

    @Activate
    public LocalBlobStore(@Reference InstanceService instances) {
        this(instances, false);
    }

    /** @param fsync whether a commit also syncs the content to the disk (survives a power loss) */
    public LocalBlobStore(InstanceService instances, boolean fsync) {
        this.instances = instances;
        this.fsync = fsync;
    }

    private Path root(String domain) {
        return instances.directory(domain).resolve("files");
    }

    private Path blob(String domain, String key) {
        if (!validKey(key)) {
            throw new IllegalArgumentException("Invalid blob key");
        }
        return root(domain).resolve("blobs/" + key.substring(0, 2) + "/" + key);
    }

    /** {@code [A-Za-z0-9_-]{8,128}}, checked on every read, without a regular expression. */
    static boolean validKey(String key) {
        int n = key.length();
        if (n < 8 || n > 128) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Staged stage(String domain, InputStream content, long maxBytes) throws IOException {
        Path tmp = Files.createDirectories(root(domain).resolve("tmp")).resolve(Ids.randomHex(16) + ".part");
        boolean done = false;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            MessageDigest md5 = md5();
            byte[] first = new byte[FIRST];
            long size = fill(content, first);
            check(size, maxBytes);
            write(out, first, (int) size);
            md5.update(first, 0, (int) size);
            if (size == first.length) {
                size += stageRest(content, out, md5, size, maxBytes);
            }
            if (fsync) {
                out.force(true);
            }
            done = true;
            return new LocalStaged(domain, tmp, size, md5.digest());
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** The content after its first bytes: read and written here while another thread hashes it. */
    private static long stageRest(InputStream content, FileChannel out, MessageDigest md5, long before, long maxBytes)
            throws IOException {
        long size = 0;
        try (BackgroundMd5 hasher = new BackgroundMd5(md5, BUFFER)) {
            for (; ; ) {
                byte[] buffer = hasher.buffer();
                int n = fill(content, buffer);
                if (n == 0) {
                    break;
                }
                size += n;
                check(before + size, maxBytes);
                write(out, buffer, n);
                hasher.digest(buffer, n);
            }
            hasher.finish();
        }
        return size;
    }

    /** Reads until {@code buffer} is full or the stream ends; answers how many bytes were read. */
    private static int fill(InputStream content, byte[] buffer) throws IOException {
        int at = 0;
        for (int n; at < buffer.length && (n = content.read(buffer, at, buffer.length - at)) >= 0; ) {
            at += n;
        }
        return at;
    }

    private static void check(long size, long maxBytes) throws TooLargeException {
        if (size > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
    }

    private static void write(FileChannel out, byte[] buffer, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private final class LocalStaged implements Staged {
        private final String domain;
        private final Path tmp;
        private final long size;
        private final byte[] md5;

        LocalStaged(String domain, Path tmp, long size, byte[] md5) {
            this.domain = domain;
            this.tmp = tmp;
            this.size = size;
            this.md5 = md5;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public byte[] md5() {
            return md5.clone();
        }

        @Override
        public void commit(String key) throws IOException {
            Path target = blob(domain, key);
            Files.createDirectories(target.getParent());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            if (fsync) {
                syncDirectory(target.getParent());
            }
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the move itself is atomic.
        }
    }

    @Override
    public InputStream open(String domain, String key, long offset) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(blob(domain, key), StandardOpenOption.READ);
        channel.position(offset);
        return Channels.newInputStream(channel);
    }

    @Override
    public ReadableByteChannel channel(String domain, String key, long offset) throws IOException {
        return FileChannel.open(blob(domain, key), StandardOpenOption.READ).position(offset);
    }

    /** One open, one read, one close: no channel, no size or position calls. */
    @Override
    public byte[] read(String domain, String key, long offset, int length) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(blob(domain, key).toFile(), "r")) {
            if (offset > 0) {
                file.seek(offset);
            }
            byte[] bytes = new byte[length];
            file.readFully(bytes);
            return bytes;
        }
    }

    @Override
    public long size(String domain, String key) {
        try {
            return Files.size(blob(domain, key));
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String domain, String key) {
        try {
            Files.deleteIfExists(blob(domain, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void forEach(String domain, Consumer<String> action) throws IOException {
        Path blobs = root(domain).resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return;
        }
        try (Stream<Path> all = Files.walk(blobs, 2)) {
            all.filter(Files::isRegularFile)
                    .forEach(p -> action.accept(p.getFileName().toString()));
        }
    }

    @Override
    public int cleanStaging(String domain) throws IOException {
        Path tmp = root(domain).resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> parts = Files.list(tmp)) {
            for (Path p : parts.toList()) {
                Files.deleteIfExists(p);
                removed++;
            }
        }
        return removed;
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from the JDK", e);
        }
    }
}
