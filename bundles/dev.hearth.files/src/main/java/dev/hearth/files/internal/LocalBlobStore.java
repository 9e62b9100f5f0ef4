package dev.hearth.files.internal;

import dev.hearth.common.id.Ids;
import dev.hearth.files.BlobStore;
import dev.hearth.instances.InstanceService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
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
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,128}");
    private static final int BUFFER = 64 * 1024;

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
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Invalid blob key");
        }
        return root(domain).resolve("blobs").resolve(key.substring(0, 2)).resolve(key);
    }

    @Override
    public Staged stage(String domain, InputStream content, long maxBytes) throws IOException {
        Path tmp = Files.createDirectories(root(domain).resolve("tmp")).resolve(Ids.randomHex(16) + ".part");
        MessageDigest md5 = md5();
        long size = 0;
        boolean done = false;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = content.read(buffer)) >= 0; ) {
                size += n;
                if (size > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                md5.update(buffer, 0, n);
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            if (fsync) {
                out.force(true);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
        return new LocalStaged(domain, tmp, size, md5.digest());
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
