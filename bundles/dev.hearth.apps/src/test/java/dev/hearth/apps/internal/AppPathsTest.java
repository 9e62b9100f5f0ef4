package dev.hearth.apps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppPathsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "index.html | index.html",
                "/index.html | index.html",
                "js/app.js | js/app.js",
                "//js///app.js | js/app.js",
                "./js/./app.js | js/app.js",
                "js/lib/../app.js | js/app.js",
                "js/.. | ''",
                "/ | ''",
                "'' | ''",
                "a/b/ | a/b",
                "... | ...",
                "..a/b.. | ..a/b..",
                "caf\u00e9.html | caf\u00e9.html",
                "%2e%2e/x | %2e%2e/x",
            })
    void pathsAreNormalisedToEntryNames(String path, String expected) {
        assertThat(AppPaths.normalize(path)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "..",
                "../x",
                "/../x",
                "a/../../x",
                "a/./../../x",
                "./..",
                "a\\..\\..\\x",
                "a/b\u0000.html",
                "a/\n/b",
                "a/\u007f"
            })
    void pathsThatLeaveTheStartOrHideSeparatorsAreRefused(String path) {
        assertThat(AppPaths.normalize(path)).isEmpty();
    }
}
