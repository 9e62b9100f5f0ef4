package dev.hearth.apps.http.internal;

import dev.hearth.apps.AppResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Writes an app's file: with its ETag (304 when the browser has it), cached for a year when its
 * name carries a content id ({@code app.0123456789.js}, {@code x.immutable.css}) as cozy-stack
 * does, else revalidated on each use. Small files are kept in memory by ETag (a hash of their
 * content), so that the icons, styles and manifests every page load asks for are not read from
 * the bundle each time; larger ones are streamed from it.
 */
final class AppAssets {
    /** Files up to this size are kept in memory. */
    static final int SMALL_FILE = 32 * 1024;
    /** Past this many bytes kept (app versions come and go), the cache starts over. */
    static final long MAX_CACHED_BYTES = 8L * 1024 * 1024;

    private static final Pattern IMMUTABLE = Pattern.compile("^[^.]+\\.([0-9a-fA-F]{10,}|immutable)\\..+");

    private final Map<String, byte[]> small = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();

    void write(HttpServletRequest req, HttpServletResponse resp, AppResource file) throws IOException {
        String name = file.path().substring(file.path().lastIndexOf('/') + 1);
        if (IMMUTABLE.matcher(name).matches()) {
            resp.setHeader("Cache-Control", "max-age=31536000, public, immutable");
        } else {
            resp.setHeader("Cache-Control", "no-cache, public");
        }
        resp.setHeader("ETag", file.etag());
        if (file.etag().equals(req.getHeader("If-None-Match"))) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(file.contentType());
        resp.setContentLengthLong(file.size());
        if ("HEAD".equals(req.getMethod())) {
            return;
        }
        if (file.size() <= SMALL_FILE) {
            resp.getOutputStream().write(small(file));
            return;
        }
        try (InputStream in = file.open()) {
            in.transferTo(resp.getOutputStream());
        }
    }

    /** The content of a small file, read from its bundle the first time only. */
    byte[] small(AppResource file) throws IOException {
        byte[] known = small.get(file.etag());
        if (known != null) {
            return known;
        }
        byte[] read;
        try (InputStream in = file.open()) {
            read = in.readAllBytes();
        }
        if (cachedBytes.addAndGet(read.length) > MAX_CACHED_BYTES) {
            small.clear();
            cachedBytes.set(read.length);
        }
        small.put(file.etag(), read);
        return read;
    }
}
