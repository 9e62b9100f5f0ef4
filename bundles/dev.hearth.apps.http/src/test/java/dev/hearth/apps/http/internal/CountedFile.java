package dev.hearth.apps.http.internal;

import dev.hearth.apps.AppResource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** An app's file whose reads are counted. */
final class CountedFile implements AppResource {
    private final byte[] content;
    private final String etag;
    final AtomicInteger opened = new AtomicInteger();

    CountedFile(String content, String etag) {
        this(content.getBytes(StandardCharsets.UTF_8), etag);
    }

    CountedFile(byte[] content, String etag) {
        this.content = content;
        this.etag = etag;
    }

    @Override
    public String path() {
        return "index.html";
    }

    @Override
    public long size() {
        return content.length;
    }

    @Override
    public Instant lastModified() {
        return Instant.EPOCH;
    }

    @Override
    public String etag() {
        return etag;
    }

    @Override
    public String contentType() {
        return "text/html";
    }

    @Override
    public InputStream open() {
        opened.incrementAndGet();
        return new ByteArrayInputStream(content);
    }
}
