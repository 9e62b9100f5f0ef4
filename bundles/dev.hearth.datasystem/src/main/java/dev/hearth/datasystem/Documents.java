package dev.hearth.datasystem;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Documents in CouchDB's JSON: {@code _id}, {@code _rev}, the special fields asked for, then the
 * stored body's fields copied as they are (no parsing when streaming).
 */
public final class Documents {
    /** Reads a stored body into the document that holds its special fields. */
    private static final ObjectReader STORED = Json.mapper().reader();

    private Documents() {}

    /**
     * Writes one document object.
     *
     * @param type the {@code _type} to add (the Cozy stack adds the doctype on single reads), or null
     */
    public static void write(JsonGenerator out, Revision r, boolean revisions, boolean conflicts, @Nullable String type)
            throws IOException {
        out.writeStartObject();
        out.writeStringField("_id", r.id());
        out.writeStringField("_rev", r.rev());
        if (r.deleted()) {
            out.writeBooleanField("_deleted", true);
        }
        if (revisions && r.ancestry() != null) {
            out.writeObjectFieldStart("_revisions");
            out.writeNumberField("start", r.pos());
            out.writeArrayFieldStart("ids");
            for (String hash : r.ancestry()) {
                out.writeString(hash);
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        List<String> conflicting = r.conflicts();
        if (conflicts && conflicting != null && !conflicting.isEmpty()) {
            out.writeArrayFieldStart("_conflicts");
            for (String rev : conflicting) {
                out.writeString(rev);
            }
            out.writeEndArray();
        }
        if (type != null) {
            out.writeStringField("_type", type);
        }
        writeBodyFields(out, r.body());
        out.writeEndObject();
    }

    /**
     * One document as JSON bytes ({@code _id}, {@code _rev}, {@code _type}, then the body's
     * fields), built without a generator: the path of every read by id.
     */
    public static byte[] toBytes(Revision r, @Nullable String type) {
        byte[] body = r.body();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 128);
        out.writeBytes(OPEN_ID);
        quote(out, r.id());
        out.writeBytes(REV);
        quote(out, r.rev());
        if (r.deleted()) {
            out.writeBytes(DELETED);
        }
        if (type != null) {
            out.writeBytes(TYPE);
            quote(out, type);
        }
        int start = 1;
        while (start < body.length - 1 && isSpace(body[start])) {
            start++;
        }
        if (start < body.length - 1) {
            out.write(',');
            out.write(body, start, body.length - 1 - start);
        }
        out.write('}');
        return out.toByteArray();
    }

    private static final byte[] OPEN_ID = ascii("{\"_id\":");
    private static final byte[] REV = ascii(",\"_rev\":");
    private static final byte[] DELETED = ascii(",\"_deleted\":true");
    private static final byte[] TYPE = ascii(",\"_type\":");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void quote(ByteArrayOutputStream out, String text) {
        out.write('"');
        if (plain(text)) {
            // Ids and revisions are nearly always printable ASCII: their bytes are their JSON text.
            out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        } else {
            out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(text));
        }
        out.write('"');
    }

    /** Whether a text is printable ASCII without a quote or a backslash: JSON needs no escape. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** The document of a revision as a tree: {@code _id}, {@code _rev}, {@code _deleted}, its fields. */
    public static ObjectNode json(Revision r) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", r.id());
        doc.put("_rev", r.rev());
        if (r.deleted()) {
            doc.put("_deleted", true);
        }
        try {
            return readBody(doc, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("The stored body of " + r.id() + " is not JSON", e);
        }
    }

    /**
     * Reads a stored body into {@code doc}, after its special fields. Bodies were checked for
     * repeated members when they came in (trees hold none), so the read skips that check, which
     * costs a set per object. The parser is told so itself: a reader's feature switch does not
     * turn the check off once the mapper's factory has turned it on.
     */
    private static ObjectNode readBody(ObjectNode doc, byte[] body) throws IOException {
        try (JsonParser in = Json.mapper().createParser(body)) {
            in.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            return STORED.withValueToUpdate(doc).readValue(in);
        }
    }

    /** Copies the fields of a stored body object into the object being written. */
    private static void writeBodyFields(JsonGenerator out, byte[] body) throws IOException {
        int start = 1;
        int end = body.length - 1;
        while (start < end && isSpace(body[start])) {
            start++;
        }
        if (start >= end) {
            return;
        }
        out.writeRaw(',');
        out.writeRaw(new String(body, start, end - start, StandardCharsets.UTF_8));
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
