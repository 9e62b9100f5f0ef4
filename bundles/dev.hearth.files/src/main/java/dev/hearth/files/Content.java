package dev.hearth.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;

/** A file to read: its document and a way to open its bytes at an offset. */
public record Content(ObjectNode doc, long size, String md5, Opener opener) {

    /** Opens the bytes of the file. */
    @FunctionalInterface
    public interface Opener {
        InputStream open(long offset) throws IOException;
    }

    public String name() {
        return doc.path("name").asText();
    }

    public String mime() {
        return doc.path("mime").asText("application/octet-stream");
    }
}
