package dev.hearth.apps.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hearth.apps.archive.ArchiveException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Runs conversions into a test folder and checks what they leave there. */
final class Archives {
    static final String MANIFEST = """
            {"slug": "hello", "version": "1.0.0", "type": "webapp", "name": "Hello",
             "permissions": {"files": {"type": "io.cozy.files"}}}""";

    private Archives() {}

    static AppBundle convert(byte[] archive, String slug, Path jar) throws IOException {
        return AppArchives.convert(new ByteArrayInputStream(archive), slug, Limits.defaults(), jar);
    }

    /** Asserts the archive is refused for {@code reason} and that the folder is left empty. */
    static ArchiveException assertRefused(Path folder, byte[] archive, Reason reason) {
        return assertRefused(folder, archive, "hello", Limits.defaults(), reason);
    }

    static ArchiveException assertRefused(Path folder, byte[] archive, String slug, Limits limits, Reason reason) {
        Path jar = folder.resolve("app.jar");
        ArchiveException refusal = catchThrowableOfType(
                ArchiveException.class,
                () -> AppArchives.convert(new ByteArrayInputStream(archive), slug, limits, jar));
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.reason())
                .as("reason, message: %s", refusal.getMessage())
                .isEqualTo(reason);
        assertThat(jar).doesNotExist();
        assertThat(list(folder)).as("nothing left behind").isEmpty();
        return refusal;
    }

    /** A good tar holding {@code manifest} and an index under {@code folder} (empty or ending with a slash). */
    static TarBuilder app(String folder, String manifestName, String manifest) {
        TarBuilder tar = new TarBuilder();
        if (!folder.isEmpty()) {
            tar.dir(folder);
        }
        return tar.file(folder + manifestName, manifest).file(folder + "index.html", "<p>hello</p>");
    }

    static List<String> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
