package dev.hearth.sendmail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.internal.DataServiceImpl;
import dev.hearth.datasystem.internal.DataSystemConfig;
import dev.hearth.instances.NewInstance;
import dev.hearth.instances.internal.InstanceServiceImpl;
import dev.hearth.instances.internal.InstancesConfig;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.JobRequest;
import dev.hearth.jobs.Worker;
import dev.hearth.jobs.internal.JobsServiceImpl;
import dev.hearth.jobs.internal.MailJobs;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sendmail jobs queued on a real jobs service, delivered to a real SMTP server (GreenMail) on loopback. */
class SendmailWorkerTest {
    private static final String DOMAIN = "alice.localhost:8080";

    @TempDir
    Path dir;

    private GreenMail smtp;
    private InstanceServiceImpl instances;
    private DataServiceImpl data;
    private JobsServiceImpl jobs;

    @BeforeEach
    void setUp() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        instances = new InstanceServiceImpl(config(InstancesConfig.class, Map.of("dataDir", dir.toString())));
        instances.create(NewInstance.builder(DOMAIN)
                .email("alice@example.org")
                .publicName("Alice A.")
                .build());
        data = DataServiceImpl.embedded(instances, config(DataSystemConfig.class, Map.of()));
        jobs = MailJobs.over(data, instances);
    }

    @AfterEach
    void tearDown() {
        jobs.deactivate();
        data.deactivate();
        smtp.stop();
    }

    static <T extends Annotation> T config(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(
                SendmailWorkerTest.class.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> switch (m.getName()) {
                    case "annotationType" -> type;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> p == args[0];
                    case "toString" -> type.getSimpleName() + values;
                    default -> values.getOrDefault(m.getName(), m.getDefaultValue());
                }));
    }

    private void registerWorker(int port) {
        registerWorker(port, Map.of());
    }

    /** A sendmail worker for the SMTP server on {@code port}, plain SMTP unless {@code settings} say otherwise. */
    private void registerWorker(int port, Map<String, Object> settings) {
        Map<String, Object> values =
                new HashMap<>(Map.of("host", "127.0.0.1", "port", port, "tls", "none", "timeoutSeconds", 2));
        values.putAll(settings);
        SmtpConfig smtpConfig = config(SmtpConfig.class, values);
        Map<String, Object> props = new HashMap<>();
        props.put(Worker.TYPE, "sendmail");
        props.put(Worker.MAX_EXEC_COUNT, 2);
        MailJobs.register(jobs, new SendmailWorker(instances, smtpConfig), props);
    }

    private Job await(String id, String state) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Job job = jobs.job(DOMAIN, id);
            if (job.state().equals(state)) {
                return job;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + id + " is " + jobs.job(DOMAIN, id).doc());
    }

    private static ObjectNode mail(String mode) {
        ObjectNode m = Json.mapper().createObjectNode().put("mode", mode).put("subject", "Héllo ✉");
        m.putArray("parts").addObject().put("type", "text/plain").put("body", "plain body");
        ((com.fasterxml.jackson.databind.node.ArrayNode) m.get("parts"))
                .addObject()
                .put("type", "text/html")
                .put("body", "<p>html body</p>");
        return m;
    }

    @Test
    void noreplyGoesToTheInstanceOwner() throws Exception {
        registerWorker(smtp.getSmtp().getPort());
        Job job = jobs.push(DOMAIN, JobRequest.of("sendmail", mail("noreply")));
        await(job.id(), Job.DONE);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("Héllo ✉");
        assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("noreply@alice.localhost");
        assertThat(addresses(m.getAllRecipients())).containsExactly("alice@example.org");
        Multipart parts = (Multipart) m.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContent().toString()).isEqualTo("plain body");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(parts.getBodyPart(1).getContent().toString()).isEqualTo("<p>html body</p>");
    }

    @Test
    void fromModeSendsToTheRecipientsWithAttachments() throws Exception {
        registerWorker(smtp.getSmtp().getPort());
        ObjectNode m = mail("from");
        m.putArray("to").addObject().put("name", "Bob").put("email", "bob@example.net");
        byte[] bytes = new byte[3000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        m.putArray("attachments")
                .addObject()
                .put("filename", "bill.pdf")
                .put("content", Base64.getEncoder().encodeToString(bytes));
        await(jobs.push(DOMAIN, JobRequest.of("sendmail", m)).id(), Job.DONE);
        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(addresses(received.getAllRecipients())).containsExactly("bob@example.net");
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Alice A.");
        assertThat(addresses(received.getReplyTo())).containsExactly("alice@example.org");
        Multipart mixed = (Multipart) received.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        BodyPart file = mixed.getBodyPart(1);
        assertThat(file.getFileName()).isEqualTo("bill.pdf");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        file.getDataHandler().writeTo(out);
        assertThat(out.toByteArray()).isEqualTo(bytes);
        assertThat(((Multipart) mixed.getBodyPart(0).getContent())
                        .getBodyPart(0)
                        .getContent()
                        .toString())
                .isEqualTo("plain body");
    }

    @Test
    void aMalformedMailFailsAtOnce() throws Exception {
        registerWorker(smtp.getSmtp().getPort());
        ObjectNode m = mail("from");
        Job errored = await(jobs.push(DOMAIN, JobRequest.of("sendmail", m)).id(), Job.ERRORED);
        assertThat(errored.doc().path("error").asText()).contains("needs recipients");
        assertThat(errored.doc().path("exec_count").asInt()).isEqualTo(1);
        ObjectNode bad = mail("carrier-pigeon");
        Job mode = await(jobs.push(DOMAIN, JobRequest.of("sendmail", bad)).id(), Job.ERRORED);
        assertThat(mode.doc().path("error").asText()).contains("unknown mode \"carrier-pigeon\"");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatIsDownIsRetriedThenTheJobErrorsWithTheReason() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        registerWorker(closed);
        Job errored = await(
                jobs.push(DOMAIN, JobRequest.of("sendmail", mail("noreply"))).id(), Job.ERRORED);
        assertThat(errored.doc().path("exec_count").asInt()).isEqualTo(2);
        assertThat(errored.doc().path("error").asText())
                .startsWith("Cannot send the mail through 127.0.0.1:" + closed)
                .contains("onnect");
    }

    @Test
    void theConfiguredCredentialsAreSentAndAWrongPasswordErrorsTheJob() throws Exception {
        smtp.setUser("mailer@example.org", "mailer", "s3cret");
        registerWorker(smtp.getSmtp().getPort(), Map.of("username", "mailer", "password", "wrong"));
        Job refused = await(
                jobs.push(DOMAIN, JobRequest.of("sendmail", mail("noreply"))).id(), Job.ERRORED);
        assertThat(refused.doc().path("error").asText()).startsWith("The SMTP server refused the credentials");
        assertThat(smtp.getReceivedMessages()).isEmpty();

        registerWorker(smtp.getSmtp().getPort(), Map.of("username", "mailer", "password", "s3cret"));
        await(jobs.push(DOMAIN, JobRequest.of("sendmail", mail("noreply"))).id(), Job.DONE);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void requiredStarttlsRefusesAServerWithoutIt() throws Exception {
        registerWorker(smtp.getSmtp().getPort(), Map.of("tls", "starttls-required"));
        Job errored = await(
                jobs.push(DOMAIN, JobRequest.of("sendmail", mail("noreply"))).id(), Job.ERRORED);
        assertThat(errored.doc().path("error").asText())
                .startsWith("Cannot send the mail through 127.0.0.1:"
                        + smtp.getSmtp().getPort())
                .contains("STARTTLS");
        assertThat(smtp.getReceivedMessages()).as("nothing sent in clear").isEmpty();
    }

    private static java.util.List<String> addresses(Address[] list) {
        return java.util.Arrays.stream(list)
                .map(a -> ((InternetAddress) a).getAddress())
                .toList();
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
