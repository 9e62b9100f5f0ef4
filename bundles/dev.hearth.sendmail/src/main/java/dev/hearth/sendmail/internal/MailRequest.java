package dev.hearth.sendmail.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.jobs.JobFailure;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The message of a sendmail job, checked: {@code mode} ({@code noreply}: to the instance's owner;
 * {@code from}: on the owner's behalf to {@code to}), {@code to} ({@code [{name, email}]}),
 * {@code subject}, {@code parts} ({@code [{type: text/plain|text/html, body}]}), {@code
 * attachments} ({@code [{filename, content (base64)}]}), optional {@code reply_to}.
 */
record MailRequest(
        String mode,
        List<Address> to,
        String subject,
        List<Part> parts,
        List<Attachment> attachments,
        @Nullable Address replyTo) {

    record Address(@Nullable String name, String email) {}

    record Part(String type, String body) {}

    record Attachment(String filename, byte[] content) {}

    static final Set<String> MODES = Set.of("noreply", "from");
    private static final Set<String> TYPES = Set.of("text/plain", "text/html");

    /** @throws JobFailure (not retryable) naming what is wrong */
    static MailRequest parse(ObjectNode m) throws JobFailure {
        String mode = m.path("mode").asText("");
        if (!MODES.contains(mode)) {
            throw JobFailure.permanent("Mail sent with an unknown mode \"" + mode + "\" (noreply or from)");
        }
        List<Address> to = new ArrayList<>();
        for (JsonNode a : m.path("to")) {
            to.add(address(a, "to"));
        }
        if (mode.equals("from") && to.isEmpty()) {
            throw JobFailure.permanent("A mail in \"from\" mode needs recipients in \"to\"");
        }
        List<Part> parts = new ArrayList<>();
        for (JsonNode p : m.path("parts")) {
            String type = p.path("type").asText("");
            if (!TYPES.contains(type) || !p.path("body").isTextual()) {
                throw JobFailure.permanent("A mail part needs a type text/plain or text/html and a body, got " + p);
            }
            parts.add(new Part(type, p.path("body").asText()));
        }
        if (parts.isEmpty()) {
            throw JobFailure.permanent("A mail needs at least one part");
        }
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode a : m.path("attachments")) {
            attachments.add(attachment(a));
        }
        JsonNode reply = m.path("reply_to");
        return new MailRequest(
                mode,
                to,
                m.path("subject").asText(""),
                parts,
                attachments,
                reply.isObject() ? address(reply, "reply_to") : null);
    }

    private static Address address(JsonNode a, String field) throws JobFailure {
        String email = a.path("email").asText("");
        if (email.isEmpty() || email.indexOf('@') < 1 || email.chars().anyMatch(c -> c < ' ' || c == '<' || c == '>')) {
            throw JobFailure.permanent("Invalid address in \"" + field + "\": " + a);
        }
        JsonNode name = a.path("name");
        return new Address(name.isTextual() && !name.asText().isBlank() ? name.asText() : null, email);
    }

    private static Attachment attachment(JsonNode a) throws JobFailure {
        String filename = a.path("filename").asText("");
        if (filename.isBlank() || !a.path("content").isTextual()) {
            throw JobFailure.permanent("An attachment needs a filename and a base64 content");
        }
        try {
            return new Attachment(
                    filename, Base64.getMimeDecoder().decode(a.path("content").asText()));
        } catch (IllegalArgumentException e) {
            throw JobFailure.permanent("The content of the attachment " + filename + " is not base64");
        }
    }
}
