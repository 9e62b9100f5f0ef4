package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The sendmail worker in the distribution: the mail libraries resolve in the framework, a job
 * queued over HTTP reaches an SMTP server configured through ConfigurationAdmin, and a server
 * that is down makes the job error with the reason after its retries.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SendmailIT extends HearthTestSupport {
    private static final String SCOPE = "io.cozy.jobs:POST:sendmail:worker%20io.cozy.jobs:GET";

    @Inject
    private ConfigurationAdmin configurations;

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private void smtpAt(int port) throws Exception {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("host", "127.0.0.1");
        props.put("port", port);
        props.put("tls", "none");
        props.put("timeoutSeconds", 2);
        configurations.getConfiguration("dev.hearth.sendmail", "?").update(props);
    }

    @Test
    public void mailsReachTheConfiguredServerAndAServerDownErrorsTheJob() throws Exception {
        String alice = createInstance("alice", "&Email=alice@example.org&PublicName=Alice");
        String token = cliToken(alice, SCOPE);
        try (SmtpSink sink = new SmtpSink()) {
            smtpAt(sink.port());
            byte[] bytes = new byte[2048];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 13);
            }
            String attachment = Base64.getEncoder().encodeToString(bytes);
            // the worker may still be reconfiguring: a first try may go to the old server and be retried
            String id = queueJob(
                    alice,
                    token,
                    "sendmail",
                    "{\"arguments\":{\"mode\":\"noreply\",\"subject\":\"Bills\","
                            + "\"parts\":[{\"type\":\"text/plain\",\"body\":\"Three new bills\"},"
                            + "{\"type\":\"text/html\",\"body\":\"<b>Three</b> new bills\"}],"
                            + "\"attachments\":[{\"filename\":\"bill.pdf\",\"content\":\"" + attachment + "\"}]},"
                            + "\"options\":{\"max_exec_count\":5}}");
            JsonNode job = awaitJobEnd(alice, token, id);
            assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("done");
            assertThat(sink.received).hasSize(1);
            SmtpSink.Mail mail = sink.received.get(0);
            assertThat(mail.to()).containsExactly("<alice@example.org>");
            assertThat(mail.from()).isEqualTo("<noreply@alice.localhost>");
            assertThat(mail.data())
                    .contains(
                            "Subject: Bills",
                            "Three new bills",
                            "<b>Three</b> new bills",
                            "multipart/mixed",
                            "multipart/alternative",
                            "filename=bill.pdf");
            assertThat(mail.data().replaceAll("\\s", "")).contains(attachment);
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        smtpAt(closed);
        Thread.sleep(1000);
        String failing = queueJob(
                alice,
                token,
                "sendmail",
                "{\"arguments\":{\"mode\":\"noreply\",\"subject\":\"x\","
                        + "\"parts\":[{\"type\":\"text/plain\",\"body\":\"y\"}]},\"options\":{\"max_exec_count\":2}}");
        JsonNode errored = awaitJobEnd(alice, token, failing);
        assertThat(errored.path("state").asText()).isEqualTo("errored");
        assertThat(errored.path("exec_count").asInt()).isEqualTo(2);
        assertThat(errored.path("error").asText()).startsWith("Cannot send the mail through 127.0.0.1:" + closed);
    }
}
