package dev.hearth.apps.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppAssetsTest {
    @Test
    void aSmallFileIsReadFromItsBundleOnce() throws Exception {
        AppAssets assets = new AppAssets();
        CountedFile css = new CountedFile("body{}", "\"css\"");
        for (int i = 0; i < 5; i++) {
            assertThat(assets.small(css)).asString().isEqualTo("body{}");
        }
        assertThat(css.opened).hasValue(1);
        CountedFile changed = new CountedFile("body{color:red}", "\"css2\"");
        assertThat(assets.small(changed)).asString().isEqualTo("body{color:red}");
    }

    @Test
    void theFilesKeptAreBoundedInBytes() throws Exception {
        AppAssets assets = new AppAssets();
        CountedFile first = new CountedFile(new byte[AppAssets.SMALL_FILE], "\"first\"");
        assets.small(first);
        long files = AppAssets.MAX_CACHED_BYTES / AppAssets.SMALL_FILE;
        for (int i = 0; i < files; i++) {
            assets.small(new CountedFile(new byte[AppAssets.SMALL_FILE], "\"" + i + "\""));
        }
        assertThat(assets.small(first)).hasSize(AppAssets.SMALL_FILE);
        assertThat(first.opened)
                .as("dropped when the bytes kept passed the bound, read again")
                .hasValue(2);
    }
}
