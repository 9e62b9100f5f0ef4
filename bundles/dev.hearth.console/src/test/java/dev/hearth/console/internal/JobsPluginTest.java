package dev.hearth.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.jobs.WorkerStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Jobs page shows each worker's numbers and its failures, escaped. */
class JobsPluginTest {

    @Test
    void rendersQueuesRunsAndEscapedFailures() {
        WorkerStats mail = new WorkerStats(
                "sendmail",
                true,
                4,
                Map.of("alice.localhost", 7, "bob.localhost", 1),
                2,
                10,
                3,
                5,
                1800,
                List.of("alice.localhost j9: <script>SMTP down</script>"));
        WorkerStats konnector =
                new WorkerStats("konnector", false, 4, Map.of("bob.localhost", 2), 0, 0, 0, 0, 0, List.of());
        StringWriter html = new StringWriter();
        JobsPlugin.render(new PrintWriter(html), List.of(mail, konnector));
        String page = html.toString();
        assertThat(page).contains("<td>sendmail</td><td>yes</td><td>4</td><td>2</td><td>8</td>");
        assertThat(page).contains("alice.localhost: 7<br>bob.localhost: 1<br>");
        assertThat(page).contains("<td>10</td><td>3</td><td>5</td><td>100 ms</td>");
        assertThat(page).contains("<td>konnector</td><td>no</td>");
        assertThat(page).contains("&lt;script&gt;SMTP down&lt;/script&gt;").doesNotContain("<script>");
    }
}
