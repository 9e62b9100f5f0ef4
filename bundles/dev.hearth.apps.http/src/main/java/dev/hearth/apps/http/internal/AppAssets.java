package dev.hearth.apps.http.internal;

import dev.hearth.apps.AppResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * Writes an app's file: with its ETag (304 when the browser has it), cached for a year when its
 * name carries a content id ({@code app.0123456789.js}, {@code x.immutable.css}) as cozy-stack
 * does, else revalidated on each use.
 */
final class AppAssets {
    private static final Pattern IMMUTABLE = Pattern.compile("^[^.]+\\.([0-9a-fA-F]{10,}|immutable)\\..+");

    private AppAssets() {}

    static void write(HttpServletRequest req, HttpServletResponse resp, AppResource file) throws IOException {
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
        try (InputStream in = file.open()) {
            in.transferTo(resp.getOutputStream());
        }
    }
}
