package dev.hearth.apps.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.apps.http.internal.IndexTemplate.Html;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexTemplateTest {
    private static final Map<String, Object> VALUES = Map.of(
            "Token", "ab.cd'</script><b>",
            "AppName", "Notes & <Co>",
            "CozyData", "{\"token\":\"x\",\"app\":{\"slug\":\"notes\"}}",
            "CozyBar", new Html("<script src=\"//alice.example/bar.js\"></script>"),
            "Locale", "fr");

    @Test
    void textAndAttributesAreHtmlEscaped() {
        assertThat(IndexTemplate.render("<title>{{.AppName}}</title>", VALUES))
                .isEqualTo("<title>Notes &amp; &lt;Co&gt;</title>");
        assertThat(IndexTemplate.render("<div data-cozy=\"{{.CozyData}}\" lang='{{.Locale}}'>", VALUES))
                .isEqualTo(
                        "<div data-cozy=\"{&#34;token&#34;:&#34;x&#34;,&#34;app&#34;:{&#34;slug&#34;:&#34;notes&#34;}}\""
                                + " lang='fr'>");
    }

    @Test
    void inAScriptAValueIsAJavaScriptStringThatCannotCloseTheElement() {
        assertThat(IndexTemplate.render("<script>var t = {{.Token}};</script>", VALUES))
                .isEqualTo("<script>var t = \"ab.cd\\u0027\\u003c/script\\u003e\\u003cb\\u003e\";</script>");
        assertThat(IndexTemplate.render("<script type=\"module\">var t = '{{ .Token }}';</script>", VALUES))
                .isEqualTo(
                        "<script type=\"module\">var t = 'ab.cd\\u0027\\u003c/script\\u003e\\u003cb\\u003e';</script>");
        assertThat(IndexTemplate.render("<script>a()</script><p>{{.Locale}}</p>", VALUES))
                .as("after the script element, text again")
                .isEqualTo("<script>a()</script><p>fr</p>");
    }

    @Test
    void markupValuesGoInAsTheyAreInTextOnly() {
        assertThat(IndexTemplate.render("<head>{{.CozyBar}}</head>", VALUES))
                .isEqualTo("<head><script src=\"//alice.example/bar.js\"></script></head>");
        assertThat(IndexTemplate.render("<a title=\"{{.CozyBar}}\">", VALUES))
                .isEqualTo("<a title=\"&lt;script src=&#34;//alice.example/bar.js&#34;&gt;&lt;/script&gt;\">");
    }

    @Test
    void unknownNamesAreEmptyAndOtherSyntaxIsLeftAlone() {
        assertThat(IndexTemplate.render("<p>{{.Nope}}</p><script>x={{.Nope}}</script>", VALUES))
                .isEqualTo("<p></p><script>x=\"\"</script>");
        assertThat(IndexTemplate.render("{{if .X}}y{{end}} {{-.Locale-}}", VALUES))
                .isEqualTo("{{if .X}}y{{end}} fr");
    }

    @Test
    void commentsAndQuotedGreaterThanDoNotConfuseTheContext() {
        assertThat(IndexTemplate.render("<!-- <script> --><p title=\"a>b\">{{.AppName}}</p>", VALUES))
                .isEqualTo("<!-- <script> --><p title=\"a>b\">Notes &amp; &lt;Co&gt;</p>");
    }

    @Test
    void aCompiledPageRendersEachTimeWithItsOwnValues() {
        String page = "<title>{{.AppName}}</title><div data-cozy=\"{{.CozyData}}\"></div>"
                + "<script>var t = {{.Token}}; var l = '{{.Locale}}';</script>{{.CozyBar}}";
        IndexTemplate compiled = IndexTemplate.compile(page);
        assertThat(compiled.render(VALUES)).isEqualTo(IndexTemplate.render(page, VALUES));
        Map<String, Object> other =
                Map.of("AppName", "<b>", "Token", "t2", "Locale", "en\"", "CozyBar", new Html("<i>"));
        assertThat(compiled.render(other))
                .isEqualTo("<title>&lt;b&gt;</title><div data-cozy=\"\"></div>"
                        + "<script>var t = \"t2\"; var l = 'en\\u0022';</script><i>");
        assertThat(compiled.render(VALUES))
                .as("values of one render do not stay")
                .contains("Notes &amp; &lt;Co&gt;");
    }
}
