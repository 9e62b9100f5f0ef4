package dev.hearth.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureTest {

    private static Feature shipped(String id) throws IOException {
        try (InputStream in = FeatureTest.class.getResourceAsStream("/features/" + id + ".json")) {
            return Feature.read(in);
        }
    }

    @Test
    void theCoreFeatureHasOurBundlesAndTheTwoEndpoints() throws IOException {
        Feature core = shipped("core");
        assertThat(core.bundles())
                .extracting(Feature.BundleRef::artifactId)
                .contains(
                        "dev.hearth.common",
                        "dev.hearth.instances",
                        "dev.hearth.auth",
                        "dev.hearth.web",
                        "org.apache.felix.scr",
                        "org.apache.felix.http.jetty12");
        assertThat(core.configurations()).containsKeys("org.apache.felix.http~admin", "dev.hearth.instances");
        assertThat(core.frameworkProperties()).containsEntry("org.apache.felix.http.name", "public");
        Feature.BundleRef jetty = core.bundles().stream()
                .filter(b -> b.artifactId().equals("org.apache.felix.http.jetty12"))
                .findFirst()
                .orElseThrow();
        assertThat(jetty.classifier()).isEqualTo("with-jetty-websockets");
    }

    @Test
    void theConsoleFeatureOnlyListensOnTheAdminEndpoint() throws IOException {
        Feature console = shipped("console");
        assertThat(console.configurations().get("org.apache.felix.webconsole.internal.servlet.OsgiManager"))
                .containsEntry("http.service.filter", "(org.apache.felix.http.name=admin)");
        assertThat(console.frameworkProperties()).containsEntry("felix.webconsole.security.providers", "hearth");
    }

    @Test
    void theClusterFeatureSelectsTheSharedBackendsAndTakesTheirSettingsFromTheEnvironment() throws IOException {
        Feature cluster = shipped("cluster");
        assertThat(cluster.bundles())
                .extracting(Feature.BundleRef::artifactId)
                .containsExactly(
                        "dev.hearth.files.s3",
                        "dev.hearth.redis",
                        "dev.hearth.realtime.redis",
                        "postgresql",
                        "HikariCP",
                        "dev.hearth.datasystem.postgres",
                        "dev.hearth.instances.postgres",
                        "dev.hearth.jobs.postgres");
        assertThat(cluster.configurations().get("dev.hearth.jobs"))
                .containsEntry("backend.target", "(hearth.jobs=postgres)");
        assertThat(cluster.configurations().get("dev.hearth.datasystem"))
                .containsEntry("documents.target", "(hearth.documents=postgres)");
        assertThat(cluster.configurations().get("dev.hearth.instances"))
                .containsEntry("backend.target", "(hearth.instances=shared)")
                .containsEntry("dataDir", "${hearth.data.dir}");
        assertThat(cluster.configurations().get("dev.hearth.redis")).containsEntry(".url", "${env:HEARTH_REDIS_URL}");
        assertThat(cluster.configurations().get("dev.hearth.files")).containsEntry("blobs.target", "(hearth.blobs=s3)");
        assertThat(cluster.configurations().get("dev.hearth.files.s3"))
                .containsEntry(".secretKey", "${env:HEARTH_S3_SECRET_KEY}");
        assertThat(cluster.configurations().get("dev.hearth.realtime.redis"))
                .containsEntry(".url", "${env:HEARTH_REDIS_URL}");
        assertThat(shipped("core").bundles())
                .extracting(Feature.BundleRef::artifactId)
                .doesNotContain(
                        "dev.hearth.files.s3",
                        "dev.hearth.redis",
                        "dev.hearth.realtime.redis",
                        "dev.hearth.instances.postgres",
                        "dev.hearth.jobs.postgres",
                        "postgresql",
                        "HikariCP",
                        "dev.hearth.datasystem.postgres");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"bundles\":[]}",
                "{\"id\":\"x\",\"bundles\":[{\"id\":\"only-artifact\",\"start-level\":1}]}",
                "{\"id\":\"x\",\"bundles\":[{\"id\":\"g:a\",\"start-level\":0}]}",
                "{\"id\":\"x\",\"unknown\":1}",
            })
    void refusesMalformedFeatures(String json) {
        assertThatThrownBy(() -> Feature.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void namesConfigurationFilesAsFileInstallExpects() {
        assertThat(ConfigFiles.fileName("dev.hearth.instances")).isEqualTo("dev.hearth.instances.cfg");
        assertThat(ConfigFiles.fileName("org.apache.felix.http~admin")).isEqualTo("org.apache.felix.http-admin.cfg");
    }

    @Test
    void escapesPropertiesButKeepsReferences() {
        String cfg = ConfigFiles.render("core", "p", Map.of("filter", "(a=b)", "dir", "${hearth.home}/x"));
        assertThat(cfg).contains("filter = (a=b)").contains("dir = ${hearth.home}/x");
        assertThat(ConfigFiles.escape("a b=c", true)).isEqualTo("a\\ b\\=c");
        assertThat(ConfigFiles.escape(" lead\\", false)).isEqualTo("\\ lead\\\\");
    }
}
