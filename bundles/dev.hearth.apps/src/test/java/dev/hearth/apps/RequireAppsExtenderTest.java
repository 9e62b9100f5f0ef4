package dev.hearth.apps;

import static org.assertj.core.api.Assertions.assertThat;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import java.io.File;
import java.util.Map;
import java.util.jar.Attributes;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;

/** The bnd recipe for app bundles with Java code: the annotation gives the extender requirement. */
class RequireAppsExtenderTest {

    @Test
    void bndMakesTheAnnotationARequirementThatTheExtenderMeets() throws Exception {
        try (Builder builder = new Builder()) {
            builder.addClasspath(new File("target/classes"));
            builder.addClasspath(new File("target/test-classes"));
            builder.setProperty("Bundle-SymbolicName", "sample.app");
            builder.setProperty("-privatepackage", "dev.hearth.apps.sample");
            builder.setProperty(AppHeaders.APP, "www/manifest.webapp");
            Jar jar = builder.build();
            assertThat(builder.getErrors()).isEmpty();
            Attributes headers = jar.getManifest().getMainAttributes();
            assertThat(headers.getValue(AppHeaders.APP)).isEqualTo("www/manifest.webapp");

            Map.Entry<String, Attrs> requirement = new Parameters(headers.getValue("Require-Capability"))
                    .entrySet().stream()
                            .filter(e -> e.getKey().startsWith("osgi.extender"))
                            .findFirst()
                            .orElseThrow();
            Filter filter = FrameworkUtil.createFilter(requirement.getValue().get("filter:"));
            assertThat(filter.matches(extender("1.0.0"))).isTrue();
            assertThat(filter.matches(extender("1.7.2"))).isTrue();
            assertThat(filter.matches(extender("2.0.0"))).isFalse();
            assertThat(filter.matches(Map.of("osgi.extender", "osgi.component", "version", new Version(1, 5, 0))))
                    .isFalse();
        }
    }

    @Test
    void theWrittenHeaderSaysTheSame() throws Exception {
        String clause = AppHeaders.REQUIRE_CAPABILITY;
        Map.Entry<String, Attrs> requirement =
                new Parameters(clause).entrySet().iterator().next();
        assertThat(requirement.getKey()).isEqualTo("osgi.extender");
        Filter filter = FrameworkUtil.createFilter(requirement.getValue().get("filter:"));
        assertThat(filter.matches(extender(AppHeaders.EXTENDER_VERSION))).isTrue();
        assertThat(filter.matches(extender("2.0.0"))).isFalse();
        assertThat(filter.matches(extender("0.9.0"))).isFalse();
    }

    /** The attributes of this bundle's extender capability, in the given version. */
    private static Map<String, Object> extender(String version) {
        return Map.of("osgi.extender", AppHeaders.EXTENDER, "version", Version.parseVersion(version));
    }
}
