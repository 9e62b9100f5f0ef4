package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.common.error.StatusException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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

    @Test
    void aSmallBodyIsReadToItsEndBeforeTheError() throws Exception {
        ByteArrayInputStream body = new ByteArrayInputStream("yyyyyyyyyy".getBytes(StandardCharsets.UTF_8));
        ServletInputStream in = new ServletInputStream() {
            @Override
            public int read() {
                return body.read();
            }

            @Override
            public boolean isFinished() {
                return body.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {}
        };
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getContentLengthLong" -> 10L;
                    case "getInputStream" -> in;
                    case "getMethod" -> "POST";
                    default -> null;
                });
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isCommitted" -> false;
                    case "getOutputStream" ->
                        new ServletOutputStream() {
                            @Override
                            public void write(int b) {
                                sent.write(b);
                            }

                            @Override
                            public boolean isReady() {
                                return true;
                            }

                            @Override
                            public void setWriteListener(WriteListener listener) {}
                        };
                    default -> null;
                });
        HttpErrors.write(req, resp, new StatusException(413, "Quota exceeded"), ErrorStyle.JSON_API);
        assertThat(body.available()).as("unread bytes of the body").isZero();
        assertThat(sent.toString(StandardCharsets.UTF_8)).contains("Quota exceeded");
    }
}
