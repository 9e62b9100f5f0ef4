package dev.hearth.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.common.text.Html;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesMarkupAndQuotes() {
        assertThat(Html.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(Html.escape("plain")).isEqualTo("plain");
    }
}
