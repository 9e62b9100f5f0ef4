package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's first hour: the release archive unpacks anywhere and serves, the admin
 * endpoint's {@code /status} reports every check to a probe without the passphrase, and
 * {@code bin/hearth} finds a JDK 25 by itself when {@code JAVA_HOME} and the {@code java} on the
 * {@code PATH} are older, or says what to install.
 */
class OperatorsIT {
    private static final String NO_JAVA = "Hearth needs Java 25 or newer and found none";

    @TempDir
    Path tmp;

    @Test
    void theReleaseArchiveUnpackedIntoAnEmptyFolderServes() throws Exception {
        Path archive;
        try (Stream<Path> built = Files.list(Distribution.BUILT.getParent())) {
            archive = built.filter(p -> p.getFileName().toString().matches("hearth-.+\\.tar\\.gz"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no hearth-<version>.tar.gz in launcher/target"));
        }
        Path empty = Files.createDirectories(tmp.resolve("opt"));
        assertThat(run(List.of("tar", "-xzf", archive.toString(), "-C", empty.toString()), Map.of())
                        .exitCode())
                .isZero();
        Path home;
        try (Stream<Path> unpacked = Files.list(empty)) {
            home = unpacked.collect(onlyOne());
        }
        assertThat(home.getFileName().toString()).startsWith("hearth-");
        assertThat(Files.isExecutable(home.resolve("bin/hearth"))).isTrue();
        assertThat(home.resolve("README.md")).content().contains("--trusted-proxies");
        assertThat(home.resolve("examples/hearth.service")).content().contains("Restart=on-failure");
        assertThat(home.resolve("examples/nginx.conf")).content().contains("X-Forwarded-Proto");
        assertThat(home.resolve("examples/Caddyfile")).exists();

        try (Distribution hearth = new Distribution(home, tmp.resolve("data"))) {
            hearth.start(Map.of());
            Http.Response status = Http.get(hearth.adminUrl + "/status").send();
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            JsonNode report = status.json();
            assertThat(report.path("status").asText()).isEqualTo("OK");
            for (String check : List.of("fs", "stores", "http")) {
                assertThat(report.path(check).asText()).as(check).isEqualTo("healthy");
            }
            assertThat(Http.get(hearth.adminUrl + "/instances").send().status())
                    .as("every other admin route still wants the passphrase")
                    .isEqualTo(401);
            assertThat(Http.get(hearth.adminUrl + "/status/x").send().status()).isEqualTo(401);
            assertThat(Http.get(hearth.publicUrl + "/status").send().status()).isEqualTo(200);
        }
    }

    @Test
    void binHearthFindsAJdk25WhenJavaHomeAndThePathAreOlder() throws Exception {
        Path home = homeWithoutBuildJdk();
        Path search = Files.createDirectories(tmp.resolve("jvms"));
        Files.createSymbolicLink(search.resolve("jdk-25"), Path.of(System.getProperty("java.home")));
        Path old = oldJava();

        Result found = hearth(home, Map.of("JAVA_HOME", old.toString(), "HEARTH_JDK_SEARCH", search + "/*"));
        assertThat(found.exitCode()).as(found.out()).isZero();
        assertThat(found.out()).contains("hearth");
    }

    @Test
    void withNoJdk25AnywhereOneLineSaysWhatToInstall() throws Exception {
        Path home = homeWithoutBuildJdk();
        Path nothing = Files.createDirectories(tmp.resolve("empty"));
        Result none = hearth(home, Map.of("HEARTH_JDK_SEARCH", nothing + "/*"));
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.out().strip())
                .startsWith(NO_JAVA)
                .contains("adoptium.net")
                .doesNotContain("\n");
    }

    @Test
    void theJdkOfTheBuildIsPreferred() throws Exception {
        Path home = homeWithoutBuildJdk();
        Files.writeString(home.resolve("lib/build-java-home"), System.getProperty("java.home") + "\n");
        Path nothing = Files.createDirectories(tmp.resolve("empty"));
        Result built = hearth(home, Map.of("JAVA_HOME", oldJava().toString(), "HEARTH_JDK_SEARCH", nothing + "/*"));
        assertThat(built.exitCode()).as(built.out()).isZero();
    }

    /** {@code bin/hearth --version} with no JAVA_HOME unless given, and an older java first on the PATH. */
    private Result hearth(Path home, Map<String, String> env) throws IOException, InterruptedException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putIfAbsent("JAVA_HOME", "");
        all.put("PATH", oldJava().resolve("bin") + ":/usr/bin:/bin");
        return run(List.of(home.resolve("bin/hearth").toString(), "--version"), all);
    }

    /** The built distribution's scripts and class path, without the record of the JDK it was built with. */
    private Path homeWithoutBuildJdk() throws IOException {
        Path home = tmp.resolve("home");
        if (Files.exists(home)) {
            Files.deleteIfExists(home.resolve("lib/build-java-home"));
            return home;
        }
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        for (String script : List.of("hearth", "find-jdk")) {
            Files.copy(
                    Distribution.BUILT.resolve("bin").resolve(script),
                    home.resolve("bin").resolve(script));
        }
        try (Stream<Path> jars = Files.list(Distribution.BUILT.resolve("lib"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.createSymbolicLink(home.resolve("lib").resolve(jar.getFileName()), jar);
            }
        }
        return home;
    }

    /** A Java home whose java says it is 17, as Debian 12's default one. */
    private Path oldJava() throws IOException {
        Path old = tmp.resolve("jdk-17");
        if (Files.exists(old)) {
            return old;
        }
        Files.createDirectories(old.resolve("bin"));
        Files.writeString(old.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        for (String tool : List.of("java", "javac")) {
            Path script = old.resolve("bin").resolve(tool);
            Files.writeString(
                    script,
                    "#!/bin/sh\necho 'openjdk version \"17.0.15\" 2025-04-15' >&2\n"
                            + "case \"$*\" in *-version*) exit 0;; esac\n"
                            + "echo 'Unrecognized option: --sun-misc-unsafe-memory-access=allow' >&2\nexit 1\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return old;
    }

    private record Result(int exitCode, String out) {}

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("HEARTH_JAVA_HOME");
        env.forEach((k, v) -> {
            if (v.isEmpty()) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }

    private static <T> java.util.stream.Collector<T, ?, T> onlyOne() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.getFirst();
        });
    }
}
