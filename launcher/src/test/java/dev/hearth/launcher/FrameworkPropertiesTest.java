package dev.hearth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkPropertiesTest {
    @TempDir
    Path dir;

    @Test
    void resolvesSettingsAndLeavesUnknownReferences() {
        Map<String, String> settings = Map.of("hearth.http.port", "8080", "hearth.home", "/opt/h");
        assertThat(FrameworkProperties.resolve("${hearth.home}/conf", settings)).isEqualTo("/opt/h/conf");
        assertThat(FrameworkProperties.resolve("${hearth.http.port}", settings)).isEqualTo("8080");
        assertThat(FrameworkProperties.resolve("${other}", settings)).isEqualTo("${other}");
        assertThat(FrameworkProperties.resolve("$1 ${hearth.home}", settings)).isEqualTo("$1 /opt/h");
    }

    @Test
    void loadsThePropertiesFileWithSystemPropertyOverrides() throws Exception {
        Path file = dir.resolve("hearth.properties");
        Files.writeString(file, "a = ${hearth.home}/x\nb = 1\nhearth.test.override = from-file\n");
        System.setProperty("hearth.test.override", "from-system");
        try {
            Map<String, String> props = FrameworkProperties.load(file, Map.of("hearth.home", "/h"));
            assertThat(props)
                    .containsEntry("a", "/h/x")
                    .containsEntry("b", "1")
                    .containsEntry("hearth.home", "/h")
                    .containsEntry("hearth.test.override", "from-system");
        } finally {
            System.clearProperty("hearth.test.override");
        }
    }

    @Test
    void exportsThePackagesOfTheNamedJarsWithoutUses() throws Exception {
        jar(
                "slf4j-api-2.0.17.jar",
                "org.slf4j;uses:=\"org.slf4j.spi\";version=\"2.0.17\",org.slf4j.spi;version=\"2.0.17\"");
        jar("other-1.0.jar", "com.other;version=\"1.0\"");
        String extra = FrameworkProperties.systemPackagesExtra(dir, "slf4j-api", "org.graalvm.polyglot;version=25.0.2");
        assertThat(extra)
                .isEqualTo("org.slf4j;version=\"2.0.17\",org.slf4j.spi;version=\"2.0.17\","
                        + "org.graalvm.polyglot;version=25.0.2");
        assertThat(FrameworkProperties.systemPackagesExtra(dir, null, null)).isEmpty();
    }

    private void jar(String name, String exports) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Export-Package", exports);
        try (OutputStream out = Files.newOutputStream(dir.resolve(name));
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }
}
