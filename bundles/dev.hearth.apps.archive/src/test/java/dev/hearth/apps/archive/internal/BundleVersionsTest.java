package dev.hearth.apps.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.framework.Version;

class BundleVersionsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "1.2.3 | 1.2.3",
                "1.2.3-beta.4 | 1.2.3.beta_4",
                "1.2.3+build.5 | 1.2.3.build_5",
                "0.1.0-dev.3f2a9c1 | 0.1.0.dev_3f2a9c1",
                "v2.0.1 | 2.0.1",
                "2.0 | 2.0.0",
                "7 | 7.0.0",
                "01.002.3 | 1.2.3",
                "1.2.3.4 | 1.2.3.4",
                "1.2.3beta | 1.2.3.beta",
                "1.2.x | 1.2.0.x",
                "1.2.3 (final) | 1.2.3.__final_",
                "latest | 0.0.0.latest",
                "version one | 0.0.0.version_one",
                "v | 0.0.0.v",
                "-1.0 | 0.0.0.-1_0",
                "2147483647.0.0 | 2147483647.0.0",
                "2147483648.0.0 | 0.0.0.2147483648_0_0",
                "99999999999999999999.1 | 0.0.0.99999999999999999999_1",
                "1.0.0-\u00e9t\u00e9 | 1.0.0._t_",
                "'' | 0.0.0"
            })
    void turnsAnyVersionIntoAnOsgiOne(String version, String expected) {
        String osgi = BundleVersions.of(version);

        assertThat(osgi).isEqualTo(expected);
        assertThatCode(() -> Version.parseVersion(osgi)).doesNotThrowAnyException();
    }
}
