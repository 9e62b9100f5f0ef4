package dev.hearth.files.internal;

import dev.hearth.common.error.ApiException;
import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** File names, paths, media types and the {@code class} derived from them, as Cozy has them. */
final class Names {
    /** The longest name accepted, in characters. */
    static final int MAX_NAME = 255;

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("txt", "text/plain"),
            Map.entry("md", "text/markdown"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("heic", "image/heic"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("zip", "application/zip"),
            Map.entry("json", "application/json"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("odp", "application/vnd.oasis.opendocument.presentation"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("url", "application/internet-shortcut"));

    private Names() {}

    /**
     * Checks a file or directory name: not empty, not {@code .} or {@code ..}, no {@code /}, no
     * NUL or other control character, at most {@value #MAX_NAME} characters.
     *
     * @throws ApiException 422 naming the fault
     */
    static String check(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            throw ApiException.invalidParameter("Name", "The name is missing");
        }
        if (name.equals(".") || name.equals("..")) {
            throw ApiException.invalidParameter("Name", "The name cannot be . or ..");
        }
        if (name.length() > MAX_NAME) {
            throw ApiException.invalidParameter("Name", "The name is longer than " + MAX_NAME + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/') {
                throw ApiException.invalidParameter("Name", "The name contains a slash");
            }
            if (c < 0x20 || c == 0x7f) {
                throw ApiException.invalidParameter("Name", "The name contains a control character");
            }
        }
        return name;
    }

    static String join(String dirPath, String name) {
        return dirPath.endsWith("/") ? dirPath + name : dirPath + "/" + name;
    }

    /** The parent path of {@code path} ({@code /} for a top-level entry). */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static String base(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * Checks a path asked for by a client: absolute, no empty, {@code .} or {@code ..} segment.
     *
     * @throws ApiException 422
     */
    static String checkPath(@Nullable String path) {
        if (path == null || !path.startsWith("/")) {
            throw ApiException.invalidParameter("Path", "The path must be absolute");
        }
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!trimmed.equals("/")) {
            for (String segment : trimmed.substring(1).split("/", -1)) {
                check(segment);
            }
        }
        return trimmed;
    }

    /** {@code name (2).ext}, {@code name (3).ext}, ... for the {@code n}th try. */
    static String suffixed(String name, int n) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return name + " (" + n + ")";
        }
        return name.substring(0, dot) + " (" + n + ")" + name.substring(dot);
    }

    /** The media type: the declared one unless absent or generic, else guessed from the name. */
    static String mime(@Nullable String declared, String name) {
        String type = declared == null ? "" : declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals("application/octet-stream")) {
            return type;
        }
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
            String known = TYPES.get(ext);
            if (known != null) {
                return known;
            }
            String guessed = URLConnection.guessContentTypeFromName(name);
            if (guessed != null) {
                return guessed;
            }
        }
        return "application/octet-stream";
    }

    /** Cozy's {@code class} of a media type. */
    static String fileClass(String mime) {
        if (mime.equals("application/octet-stream")) {
            return "files";
        }
        if (mime.equals("application/pdf")) {
            return "pdf";
        }
        if (mime.equals("application/zip") || mime.endsWith("x-tar") || mime.endsWith("gzip")) {
            return "zip";
        }
        if (mime.equals("application/internet-shortcut")) {
            return "shortcut";
        }
        if (mime.contains("presentation")) {
            return "slide";
        }
        if (mime.contains("spreadsheet")) {
            return "spreadsheet";
        }
        if (mime.contains("wordprocessing") || mime.contains("opendocument.text")) {
            return "text";
        }
        if (mime.equals("application/json") || mime.endsWith("javascript")) {
            return "code";
        }
        int slash = mime.indexOf('/');
        return slash > 0 ? mime.substring(0, slash) : "files";
    }
}
