package dev.hearth.konnectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import org.junit.jupiter.api.Test;

class ManifestsTest {

    private static ObjectNode manifest(String json) throws Exception {
        return (ObjectNode) Json.mapper().readTree(json);
    }

    @Test
    void egressIsTheDeclaredDomainsAndTheVendorLinkHost() throws Exception {
        ObjectNode m = manifest(
                "{\"allowed_domains\":[\"api.vendor.example\",\"CDN.Vendor.Example\","
                        + "\"http://bad.example/\",\"*.wild.example\",\"\",3],\"vendor_link\":\"https://www.vendor.example/login\"}");
        assertThat(Manifests.allowedDomains(m))
                .containsExactly("api.vendor.example", "cdn.vendor.example", "www.vendor.example");
        assertThat(Manifests.allowedDomains(manifest("{\"vendor_link\":\"not a url\"}")))
                .isEmpty();
        assertThat(Manifests.allowedDomains(manifest("{}"))).isEmpty();
    }

    @Test
    void scriptPathsStayInsideTheApp() throws Exception {
        assertThat(Manifests.clean("/../../etc/passwd")).isEqualTo("etc/passwd");
        assertThat(Manifests.clean("./lib//../index.js")).isEqualTo("index.js");
        assertThat(Manifests.main(manifest("{}"))).isEqualTo("index.js");
        assertThat(Manifests.main(manifest("{\"main\":\"/build/main.js\"}"))).isEqualTo("build/main.js");
        assertThat(Manifests.onDeleteAccount(manifest("{}"))).isEmpty();
        assertThat(Manifests.onDeleteAccount(manifest("{\"on_delete_account\":\"on_delete.js\"}")))
                .isEqualTo("on_delete.js");
    }

    @Test
    void parametersAndFoldersAreReadAsCozyStackReadsThem() throws Exception {
        assertThat(Manifests.parameters(manifest("{}"))).isEqualTo("null");
        assertThat(Manifests.parameters(manifest("{\"parameters\":{\"a\":1}}"))).isEqualTo("{\"a\":1}");
        assertThat(Manifests.hasFolderPath(manifest("{\"folders\":[]}"))).isTrue();
        assertThat(Manifests.hasFolderPath(manifest("{\"fields\":{\"advanced_fields\":{\"folderPath\":{}}}}")))
                .isTrue();
        assertThat(Manifests.hasFolderPath(manifest("{\"fields\":{\"login\":{}}}")))
                .isFalse();
    }
}
