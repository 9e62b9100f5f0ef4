package dev.hearth.files.http.internal;

import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.StatusException;
import dev.hearth.files.Content;
import dev.hearth.web.Bodies;
import dev.hearth.web.Call;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Sends file content: ETag and If-None-Match, one byte range, a safe Content-Disposition. */
final class Downloads {
    /** Up to this size a content is read in one go and written with its length already known. */
    static final long SMALL = 64 * 1024;

    private Downloads() {}

    static void send(Call call, Content content, boolean attachment) throws IOException {
        HttpServletResponse resp = call.response();
        String etag = "\"" + content.md5() + "\"";
        resp.setHeader("ETag", etag);
        resp.setHeader("Accept-Ranges", "bytes");
        String match = call.header("If-None-Match");
        if (match != null && (match.equals(etag) || match.equals("*"))) {
            resp.setStatus(304);
            return;
        }
        long size = content.size();
        long[] range = range(call.header("Range"), size, resp);
        resp.setContentType(content.mime());
        resp.setHeader("Content-Disposition", disposition(attachment, content.name()));
        resp.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        long start = 0;
        long length = size;
        if (range != null) {
            start = range[0];
            length = range[1] - range[0] + 1;
            resp.setStatus(206);
            resp.setHeader("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size);
        } else {
            resp.setStatus(200);
        }
        resp.setContentLengthLong(length);
        if ("HEAD".equals(call.request().getMethod())) {
            return;
        }
        try {
            if (length <= SMALL) {
                resp.getOutputStream().write(content.opener().read(start, (int) length));
                return;
            }
            try (ReadableByteChannel in = content.opener().channel(start)) {
                Bodies.send(resp, in, length);
            }
        } catch (IOException e) {
            throw gone(e);
        }
    }

    /**
     * A transfer that broke off once the answer started: the client went away (or the stored
     * content is short, which fsck reports). Nothing more can be sent; it is not a server error.
     */
    static StatusException gone(IOException e) {
        return new StatusException(
                400, "The transfer broke off: " + e.getClass().getSimpleName());
    }

    /**
     * The one range of a {@code Range} header as [first, last], or null for the whole content.
     *
     * @throws ApiException 416 when it starts past the end
     */
    static long @Nullable [] range(@Nullable String header, long size, HttpServletResponse resp) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String from = spec.substring(0, dash).trim();
            String to = spec.substring(dash + 1).trim();
            long first;
            long last;
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(from);
                last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
            }
            if (first >= size || first > last || first < 0) {
                resp.setHeader("Content-Range", "bytes */" + size);
                throw new ApiException(
                        416, "Requested Range Not Satisfiable", "The range is past the end", "Range", null);
            }
            return new long[] {first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The characters {@link URLEncoder} leaves as they are. */
    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '-'
                || c == '*'
                || c == '_';
    }

    /** {@code inline} or {@code attachment}, with an ASCII fallback name and the UTF-8 one. */
    static String disposition(boolean attachment, String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        boolean plain = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';' ? c : '_');
            plain &= unreserved(c);
        }
        // Most names need no escape: the encoder (a charset lookup and a copy) is for the others.
        String encoded =
                plain ? name : URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return (attachment ? "attachment" : "inline") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
