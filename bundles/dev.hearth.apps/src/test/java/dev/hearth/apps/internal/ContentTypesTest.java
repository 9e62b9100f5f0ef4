package dev.hearth.apps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "index.html | text/html;charset=utf-8",
                "js/app.JS | text/javascript;charset=utf-8",
                "a.b/style.css | text/css;charset=utf-8",
                "icon.svg | image/svg+xml",
                "fonts/lato.woff2 | font/woff2",
                "manifest.webapp | application/json",
                "app.wasm | application/wasm",
                "README | application/octet-stream",
                ".htaccess | application/octet-stream",
                "dir.d/file | application/octet-stream",
                "archive.unknown | application/octet-stream",
            })
    void typesComeFromTheExtensionOfTheFileName(String name, String expected) {
        assertThat(ContentTypes.of(name)).isEqualTo(expected);
    }
}
