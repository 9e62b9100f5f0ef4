package dev.hearth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options {@code bin/hearth serve} chooses, read from a stand-in {@code java} that prints
 * its arguments: the ahead-of-time cache by default, the Graal compiler of {@code lib/jvmci} (and
 * no cache, which the JVM would refuse) with {@code HEARTH_JS_OPTIMIZING=1}.
 */
class HearthScriptTest {
    @TempDir
    Path home;

    private Path jdk;

    @BeforeEach
    void layOut() throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String script : new String[] {"hearth", "find-jdk"}) {
            Files.copy(Path.of("src/dist/bin", script), bin.resolve(script), StandardCopyOption.REPLACE_EXISTING);
            bin.resolve(script).toFile().setExecutable(true);
        }
        Files.createDirectories(home.resolve("lib/jvmci"));
        Files.writeString(home.resolve("lib/hearth.aot"), "");
        jdk = Files.createDirectories(home.resolve("jdk/bin"));
        Files.writeString(jdk.resolve("java"), "#!/bin/sh\necho \"$@\"\n");
        jdk.resolve("java").toFile().setExecutable(true);
    }

    @Test
    void byDefaultTheServerStartsWithTheAheadOfTimeCacheAndNoJvmci() throws Exception {
        Files.writeString(home.resolve("lib/jvmci/compiler-25.0.2.jar"), "");
        String line = serve(Map.of());
        assertThat(line).contains("-XX:AOTCache=" + home.resolve("lib/hearth.aot"));
        assertThat(line).doesNotContain("EnableJVMCI").doesNotContain("upgrade-module-path");
    }

    @Test
    void theServerRunsG1WhichSizesItsYoungGenerationAndGivesABurstsHeapBack() throws Exception {
        String line = serve(Map.of());
        assertThat(line)
                .contains("-XX:+UseG1GC -Xms32m ")
                .contains("-XX:G1PeriodicGCInterval=10000 -XX:-G1PeriodicGCInvokesConcurrent")
                .contains("-XX:MaxHeapFreeRatio=30");
        assertThat(line).doesNotContain("-Xmn").doesNotContain("UseSerialGC");
    }

    @Test
    void anOperatorsCollectorReplacesTheDefaultOne() throws Exception {
        String line = serve(Map.of("HEARTH_JAVA_OPTS", "-XX:+UseSerialGC -Xmx512m"));
        assertThat(line).contains("-XX:+UseSerialGC -Xmx512m").doesNotContain("UseG1GC");
        assertThat(serve(Map.of("HEARTH_JAVA_OPTS", "-Xmx512m")))
                .contains("-XX:+UseG1GC")
                .contains("-Xmx512m");
        // Options that tune the collector without naming one keep the default.
        assertThat(serve(Map.of("HEARTH_JAVA_OPTS", "-XX:+UseStringDeduplication -XX:ParallelGCThreads=2")))
                .contains("-XX:+UseG1GC");
    }

    @Test
    void optingInPutsTheShippedCompilerOnTheUpgradeModulePathWithoutTheCache() throws Exception {
        Files.writeString(home.resolve("lib/jvmci/compiler-25.0.2.jar"), "");
        String line = serve(Map.of("HEARTH_JS_OPTIMIZING", "1"));
        Path lib = home.resolve("lib");
        assertThat(line)
                .contains("-XX:+EnableJVMCI")
                .contains("--upgrade-module-path=" + lib.resolve("jvmci/compiler-25.0.2.jar") + ":"
                        + lib.resolve("collections-25.0.2.jar") + ":" + lib.resolve("word-25.0.2.jar") + ":"
                        + lib.resolve("truffle-compiler-25.0.2.jar"));
        assertThat(line).doesNotContain("AOTCache");
    }

    @Test
    void optingInWithoutTheCompilerKeepsTheCache() throws Exception {
        String line = serve(Map.of("HEARTH_JS_OPTIMIZING", "1"));
        assertThat(line).contains("-XX:AOTCache=").doesNotContain("EnableJVMCI");
    }

    private String serve(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb =
                new ProcessBuilder(home.resolve("bin/hearth").toString(), "serve", "--data-dir", "/nowhere");
        pb.environment().remove("HEARTH_JS_OPTIMIZING");
        pb.environment().remove("HEARTH_JAVA_OPTS");
        pb.environment().put("HEARTH_JAVA_HOME", jdk.getParent().toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("dev.hearth.launcher.Main serve");
        return out;
    }
}
