package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpErrorsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "null                                                  | JSON",
                "''                                                    | JSON",
                "*/*                                                   | JSON",
                "application/json                                      | JSON",
                "application/json, text/plain, */*                     | JSON",
                "text/html,application/xhtml+xml,*/*;q=0.8             | HTML",
                "text/html, application/json                           | JSON",
                "application/vnd.api+json                              | JSON",
                "image/png                                             | JSON",
                "text/plain                                            | TEXT",
            })
    void negotiatesTheFormatOfABareMessage(String accept, HttpErrors.MessageFormat expected) {
        assertThat(HttpErrors.negotiate(accept)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"<script>alert('x')</script> | &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"})
    void escapesMessagesInHtml(String message, String escaped) {
        assertThat(HttpErrors.htmlPage(404, message)).contains(escaped).doesNotContain("<script>");
    }

    @Test
    void anErrorSentAfterTheWriterWasTakenGoesThroughTheWriter() throws Exception {
        StringWriter written = new StringWriter();
        PrintWriter taken = new PrintWriter(written, true);
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getOutputStream" -> throw new IllegalStateException("WRITER");
                    case "getWriter" -> taken;
                    default -> null;
                });
        HttpErrors.send(resp, "application/json", "{\"error\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
        taken.write("</div></body></html>");
        assertThat(written).as("the page's footer after the error").hasToString("{\"error\":\"Not Found\"}");
    }
}
