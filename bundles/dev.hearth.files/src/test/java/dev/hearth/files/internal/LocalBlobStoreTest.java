package dev.hearth.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.files.BlobStore;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.TestData;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging hashes on a second thread past the first read: the digest must still be the content's. */
class LocalBlobStoreTest {
    private static final String D = "alice.localhost:8080";

    @TempDir
    Path dir;

    private TestData data;
    private LocalBlobStore blobs;

    @BeforeEach
    void start() {
        data = TestData.in(dir);
        data.instances().create(NewInstance.of(D));
        blobs = new LocalBlobStore(data.instances());
    }

    @AfterEach
    void stop() {
        data.close();
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** A stream that answers few bytes at a time, as a network does. */
    static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7_001));
            }
        };
    }

    @Test
    void sizesAroundTheBuffersKeepTheirDigest() throws Exception {
        for (int size : new int[] {0, 1, 65_535, 65_536, 65_537, (1 << 20) + 65_536, 5 * (1 << 20) + 17}) {
            byte[] content = random(size);
            try (BlobStore.Staged staged = blobs.stage(D, trickle(content), Long.MAX_VALUE)) {
                assertThat(staged.size()).isEqualTo(size);
                assertThat(staged.md5())
                        .isEqualTo(MessageDigest.getInstance("MD5").digest(content));
                String key = "blob" + size + "abcdef";
                staged.commit(key);
                try (InputStream in = blobs.open(D, key, 0)) {
                    assertThat(in.readAllBytes()).isEqualTo(content);
                }
            }
        }
    }

    @Test
    void tooLargeLeavesNothingStaged() {
        byte[] content = random(3 * (1 << 20));
        assertThatThrownBy(() -> blobs.stage(D, trickle(content), 2 * (1 << 20)))
                .isInstanceOf(BlobStore.TooLargeException.class);
        Path tmp = data.instances().directory(D).resolve("files").resolve("tmp");
        assertThat(tmp.toFile().list()).isEmpty();
    }

    @Test
    void aChannelIsAFileAtTheOffset() throws Exception {
        byte[] content = random(100_000);
        try (BlobStore.Staged staged = blobs.stage(D, new ByteArrayInputStream(content), Long.MAX_VALUE)) {
            staged.commit("channelblob");
        }
        try (ReadableByteChannel channel = blobs.channel(D, "channelblob", 99_990)) {
            assertThat(channel).isInstanceOf(FileChannel.class);
            ByteBuffer rest = ByteBuffer.allocate(20);
            assertThat(channel.read(rest)).isEqualTo(10);
            assertThat(rest.flip().get(0)).isEqualTo(content[99_990]);
        }
    }

    @Test
    void aSmallReadIsTheContentAtTheOffsetAndFailsPastTheEnd() throws Exception {
        byte[] content = random(4096);
        try (BlobStore.Staged staged = blobs.stage(D, new ByteArrayInputStream(content), Long.MAX_VALUE)) {
            staged.commit("smallblob");
        }
        assertThat(blobs.read(D, "smallblob", 0, 4096)).isEqualTo(content);
        assertThat(blobs.read(D, "smallblob", 4000, 96)).isEqualTo(java.util.Arrays.copyOfRange(content, 4000, 4096));
        assertThatThrownBy(() -> blobs.read(D, "smallblob", 4000, 97)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> blobs.read(D, "missingblob", 0, 1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> blobs.read(D, "../../x/../y", 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAreCheckedAsBefore() {
        assertThat(LocalBlobStore.validKey("abcDEF09_-")).isTrue();
        assertThat(LocalBlobStore.validKey("a".repeat(128))).isTrue();
        assertThat(LocalBlobStore.validKey("a".repeat(129))).isFalse();
        assertThat(LocalBlobStore.validKey("abcdefg")).isFalse();
        assertThat(LocalBlobStore.validKey("abcdefg/")).isFalse();
        assertThat(LocalBlobStore.validKey("abcdefg.h")).isFalse();
        assertThat(LocalBlobStore.validKey("abcdéfgh")).isFalse();
    }
}
