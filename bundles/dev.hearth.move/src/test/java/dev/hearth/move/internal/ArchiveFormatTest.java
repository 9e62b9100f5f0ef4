package dev.hearth.move.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.common.error.ApiException;
import dev.hearth.move.ExportPart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive format on its own: parts cut at their size, the tar around them, and every refusal. */
class ArchiveFormatTest {
    @TempDir
    Path dir;

    /** Writes parts of 1 KiB holding {@code entries} entries of 600 bytes; answers the archive as a tar. */
    private byte[] archive(int entries, int version) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        List<ExportPart> parts;
        try (Parts p = new Parts(out, 1024)) {
            for (int i = 0; i < entries; i++) {
                p.roll();
                byte[] bytes = new byte[600];
                new java.util.Random(i).nextBytes(bytes);
                assertThat(p.entry("My Cozy/Data/com.example/" + i + ".json", 0, bytes))
                        .isTrue();
            }
            assertThat(p.entry("My Cozy/Data/com.example/" + (entries - 1) + ".json", 0, new byte[1]))
                    .isFalse();
            parts = p.complete();
        }
        Manifest m = new Manifest(
                version, "a.example", "2026-01-01T00:00:00Z", parts, entries, 0, java.util.Map.of("com.example", 9L));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        byte[] manifest = m.toBytes();
        Tar.header(tar, Manifest.NAME, manifest.length, 0);
        tar.write(manifest);
        Tar.pad(tar, manifest.length);
        for (ExportPart part : parts) {
            byte[] bytes = Files.readAllBytes(out.resolve(part.name()));
            Tar.header(tar, part.name(), bytes.length, 0);
            tar.write(bytes);
            Tar.pad(tar, bytes.length);
        }
        Tar.end(tar);
        return tar.toByteArray();
    }

    private Unpacked unpack(byte[] tar) throws IOException {
        Path work = Files.createTempDirectory(dir, "work");
        return Unpacked.of(new ByteArrayInputStream(tar), work);
    }

    @Test
    void partsAreCutAtTheirSizeAndReadBackChecked() throws IOException {
        Unpacked u = unpack(archive(5, Manifest.VERSION));
        assertThat(u.manifest()).isNotNull();
        assertThat(u.manifest().sequences()).containsExactly(java.util.Map.entry("com.example", 9L));
        assertThat(u.parts()).hasSizeGreaterThan(1);
        int entries = 0;
        for (Path part : u.parts()) {
            try (ZipFile zip = new ZipFile(part.toFile())) {
                entries += zip.size();
            }
        }
        assertThat(entries).isEqualTo(5);
    }

    @Test
    void aTruncatedArchiveIsRefused() throws IOException {
        byte[] tar = archive(5, Manifest.VERSION);
        for (int cut : new int[] {tar.length - 1024, tar.length / 2, 700, 100}) {
            assertThatThrownBy(() -> unpack(Arrays.copyOf(tar, cut)))
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void anAlteredPartIsRefused() throws IOException {
        byte[] tar = archive(5, Manifest.VERSION);
        tar[tar.length - 1024 - 700] ^= 1;
        assertThatThrownBy(() -> unpack(tar)).isInstanceOf(ApiException.class).hasMessageContaining("SHA-256");
    }

    @Test
    void aNewerFormatIsRefused() throws IOException {
        byte[] tar = archive(1, Manifest.VERSION + 1);
        assertThatThrownBy(() -> unpack(tar))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("format version " + (Manifest.VERSION + 1));
    }

    @Test
    void somethingElseIsRefused() {
        byte[] junk = "not an archive at all".repeat(50).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> unpack(junk)).isInstanceOf(ApiException.class).hasMessageContaining("Invalid archive");
        assertThatThrownBy(() -> unpack(new byte[0])).isInstanceOf(ApiException.class);
    }

    @Test
    void theWinnerIsChosenAsCouchDbDoes() {
        var mapper = dev.hearth.common.json.Json.mapper();
        var deeperDeleted = mapper.createObjectNode().put("_rev", "5-aaa").put("_deleted", true);
        var live = mapper.createObjectNode().put("_rev", "3-bbb");
        var liveGreater = mapper.createObjectNode().put("_rev", "3-ccc");
        var shorter = mapper.createObjectNode().put("_rev", "2-fff");
        List<com.fasterxml.jackson.databind.node.ObjectNode> leaves =
                new java.util.ArrayList<>(List.of(deeperDeleted, shorter, live, liveGreater));
        leaves.sort(Leaves.WINNER_FIRST);
        assertThat(leaves).extracting(l -> l.path("_rev").asText()).containsExactly("3-ccc", "3-bbb", "2-fff", "5-aaa");
    }
}
