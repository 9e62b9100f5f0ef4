package dev.hearth.sendmail.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.jobs.JobContext;
import dev.hearth.jobs.JobFailure;
import dev.hearth.jobs.Worker;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code sendmail} worker ({@code cozy-api.md} 2.5): builds the mail of the job's message and
 * sends it through the configured SMTP server. In {@code noreply} mode the mail goes to the
 * instance's own address (its settings' email); in {@code from} mode it goes to the given
 * recipients, from the server's sender address with the owner's name, and replies go to the
 * owner. A malformed message fails at once; a server that cannot be reached is retried.
 */
@Component(
        configurationPid = SmtpConfig.PID,
        property = {Worker.TYPE + "=sendmail", Worker.CONCURRENCY + ":Integer=4", Worker.MAX_EXEC_COUNT + ":Integer=3"})
@Designate(ocd = SmtpConfig.class)
public final class SendmailWorker implements Worker {
    private final InstanceService instances;
    private final SmtpConfig config;

    @Activate
    public SendmailWorker(@Reference InstanceService instances, SmtpConfig config) {
        this.instances = instances;
        this.config = config;
    }

    @Override
    public @Nullable JsonNode run(JobContext job) throws Exception {
        MailRequest request = MailRequest.parse(job.message());
        Instance instance = instances.get(job.domain());
        return MailClassLoader.with(() -> {
            Session session = Session.getInstance(properties());
            MimeMessage mail = compose(session, instance, request);
            send(session, mail);
            return null;
        });
    }

    private Properties properties() {
        Properties p = new Properties();
        String tls = config.tls();
        String protocol = tls.equals("tls") ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", config.host());
        p.put(prefix + "port", String.valueOf(config.port()));
        String millis = String.valueOf(config.timeoutSeconds() * 1000L);
        p.put(prefix + "connectiontimeout", millis);
        p.put(prefix + "timeout", millis);
        p.put(prefix + "writetimeout", millis);
        p.put(prefix + "starttls.enable", String.valueOf(tls.startsWith("starttls")));
        p.put(prefix + "starttls.required", String.valueOf(tls.equals("starttls-required")));
        p.put(prefix + "ssl.checkserveridentity", "true");
        p.put(prefix + "auth", String.valueOf(!config.username().isEmpty()));
        if (!config.localHost().isEmpty()) {
            p.put(prefix + "localhost", config.localHost());
        }
        return p;
    }

    MimeMessage compose(Session session, Instance instance, MailRequest r) throws Exception {
        MimeMessage mail = new MimeMessage(session);
        String sender = config.noreplyAddress().replace("{domain}", instance.domainWithoutPort());
        String owner = instance.email();
        if (r.mode().equals("noreply")) {
            if (owner == null || owner.isBlank()) {
                throw JobFailure.permanent("The instance has no email address in its settings");
            }
            mail.setFrom(address(sender, null));
            mail.setRecipient(Message.RecipientType.TO, address(owner, instance.publicName()));
        } else {
            mail.setFrom(address(sender, instance.publicName()));
            List<Address> to = new ArrayList<>();
            for (MailRequest.Address a : r.to()) {
                to.add(address(a.email(), a.name()));
            }
            mail.setRecipients(Message.RecipientType.TO, to.toArray(Address[]::new));
            if (owner != null && !owner.isBlank()) {
                mail.setReplyTo(new Address[] {address(owner, instance.publicName())});
            }
        }
        if (r.replyTo() != null) {
            mail.setReplyTo(
                    new Address[] {address(r.replyTo().email(), r.replyTo().name())});
        }
        mail.setSubject(r.subject(), "UTF-8");
        mail.setSentDate(new Date());
        mail.setContent(body(r));
        mail.saveChanges();
        return mail;
    }

    private static MimeMultipart body(MailRequest r) throws MessagingException {
        MimeMultipart alternatives = new MimeMultipart("alternative");
        for (MailRequest.Part part : r.parts()) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(part.body(), "UTF-8", part.type().substring("text/".length()));
            alternatives.addBodyPart(text);
        }
        if (r.attachments().isEmpty()) {
            return alternatives;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(alternatives);
        mixed.addBodyPart(wrapper);
        for (MailRequest.Attachment a : r.attachments()) {
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), "application/octet-stream")));
            file.setFileName(a.filename());
            file.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(file);
        }
        return mixed;
    }

    private static InternetAddress address(String email, @Nullable String name) throws JobFailure {
        try {
            return new InternetAddress(email, name, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw JobFailure.permanent("Cannot encode the name of " + email);
        }
    }

    private void send(Session session, MimeMessage mail) throws JobFailure {
        try (Transport transport = session.getTransport()) {
            if (config.username().isEmpty()) {
                transport.connect();
            } else {
                transport.connect(config.username(), config.password());
            }
            transport.sendMessage(mail, mail.getAllRecipients());
        } catch (AuthenticationFailedException e) {
            throw new JobFailure("The SMTP server refused the credentials: " + e.getMessage(), true, e);
        } catch (MessagingException e) {
            Throwable cause = e.getNextException() != null ? e.getNextException() : e.getCause();
            String reason = e.getMessage() + (cause != null ? " (" + cause.getMessage() + ")" : "");
            throw new JobFailure(
                    "Cannot send the mail through " + config.host() + ":" + config.port() + ": " + reason, true, e);
        }
    }
}
