package dev.hearth.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the framework properties: {@code conf/hearth.properties} with its {@code ${hearth.*}}
 * references resolved from the launcher settings, system-property overrides of the same keys,
 * and the packages the system bundle exports from the launcher class path.
 */
public final class FrameworkProperties {
    /** Framework property listing the launcher-class-path jars whose packages the framework exports. */
    public static final String BOOT_EXPORTS = "hearth.boot.exports";
    /** Framework property listing extra packages the framework exports (for jars without OSGi headers). */
    public static final String BOOT_PACKAGES = "hearth.boot.packages";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern USES = Pattern.compile(";\\s*uses:=\"[^\"]*\"");

    private FrameworkProperties() {}

    public static Map<String, String> load(Path file, Map<String, String> settings) throws IOException {
        Properties raw = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(in);
        }
        Map<String, String> out = new LinkedHashMap<>(settings);
        for (String key : raw.stringPropertyNames()) {
            String override = System.getProperty(key);
            out.put(key, override != null ? override : resolve(raw.getProperty(key), settings));
        }
        return out;
    }

    /** Replaces {@code ${name}} by the setting of that name; unknown names are left as they are. */
    static String resolve(String value, Map<String, String> settings) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = settings.getOrDefault(m.group(1), m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The {@code Export-Package} clauses of the named jars of {@code lib} (matched by file-name
     * prefix), without their {@code uses} directives, joined with {@code extraPackages}.
     */
    public static String systemPackagesExtra(Path lib, String jarPrefixes, String extraPackages) throws IOException {
        StringBuilder out = new StringBuilder();
        if (jarPrefixes != null && !jarPrefixes.isBlank()) {
            try (var jars = Files.list(lib)) {
                for (Path jar :
                        jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    if (matchesPrefix(jar.getFileName().toString(), jarPrefixes)) {
                        append(out, exports(jar));
                    }
                }
            }
        }
        append(out, extraPackages);
        return out.toString();
    }

    private static boolean matchesPrefix(String fileName, String prefixes) {
        for (String prefix : prefixes.split(",")) {
            String p = prefix.trim();
            if (!p.isEmpty() && fileName.startsWith(p + "-")) {
                return true;
            }
        }
        return false;
    }

    private static String exports(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String exports =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Export-Package");
            return exports == null ? "" : USES.matcher(exports).replaceAll("");
        }
    }

    private static void append(StringBuilder out, String clauses) {
        if (clauses != null && !clauses.isBlank()) {
            out.append(out.isEmpty() ? "" : ",").append(clauses.trim());
        }
    }
}
