package dev.hearth.apps.internal.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index of which instances use which app jar, as it survives restarts and crashes. */
class UsageIndexTest {
    private static final String V1 = "hearth.app.notes-1.0.0.jar";
    private static final String V2 = "hearth.app.notes-2.0.0.jar";

    @TempDir
    Path folder;

    private Path file() {
        return folder.resolve("usage.idx");
    }

    @Test
    void usesAreCountedPerInstanceAndSurviveAReopen() throws IOException {
        try (UsageIndex index = UsageIndex.create(file(), Map.of())) {
            index.add(V1, "alice");
            index.add(V1, "alice");
            index.add(V1, "bob");
            index.add(V2, "alice");
            index.remove(V1, "alice");
            assertThat(index.isUsed(V1)).isTrue();
            index.remove(V1, "bob");
            assertThat(index.isUsed(V1)).isFalse();
        }
        try (UsageIndex index = UsageIndex.open(file())) {
            assertThat(index.jars()).containsExactly(V2);
            assertThat(Files.readString(file())).as("rewritten on open").isEqualTo("+\t" + V2 + "\talice\n");
        }
    }

    @Test
    void aLineCutShortByACrashIsIgnored() throws IOException {
        try (UsageIndex index = UsageIndex.create(file(), Map.of(V1, Set.of("alice")))) {
            index.add(V2, "bob");
        }
        Files.writeString(file(), "-\t" + V1 + "\tali", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (UsageIndex index = UsageIndex.open(file())) {
            assertThat(index.jars()).containsExactly(V1, V2);
        }
    }

    @Test
    void anInstanceReleasesEverythingItUsed() throws IOException {
        try (UsageIndex index = UsageIndex.create(file(), Map.of(V1, Set.of("alice", "bob"), V2, Set.of("alice")))) {
            assertThat(index.removeDomain("alice")).containsExactly(V1, V2);
            assertThat(index.jars()).containsExactly(V1);
            index.retainDomains(Set.of("carol"));
            assertThat(index.jars()).isEmpty();
        }
        try (UsageIndex index = UsageIndex.open(file())) {
            assertThat(index.jars()).isEmpty();
        }
    }

    @Test
    void theLogIsCompactedWhenItGrowsPastItsEntries() throws IOException {
        try (UsageIndex index = UsageIndex.create(file(), Map.of(V1, Set.of("alice")))) {
            for (int i = 0; i < 700; i++) {
                index.add(V2, "bob");
                index.remove(V2, "bob");
            }
            assertThat(Files.readAllLines(file())).hasSizeLessThan(1_100);
        }
        try (UsageIndex index = UsageIndex.open(file())) {
            assertThat(index.jars()).containsExactly(V1);
        }
    }
}
