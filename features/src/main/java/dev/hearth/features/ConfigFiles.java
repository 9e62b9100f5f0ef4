package dev.hearth.features;

import java.util.Map;

/**
 * Writes a feature configuration as a FileInstall {@code .cfg} file. FileInstall resolves
 * {@code ${name}} references against the framework properties when it applies the file, which is
 * how command-line settings reach the OSGi configurations.
 */
final class ConfigFiles {
    private ConfigFiles() {}

    /** {@code pid.cfg}, or {@code factoryPid-name.cfg} for a factory configuration {@code factoryPid~name}. */
    static String fileName(String pid) {
        int tilde = pid.indexOf('~');
        return (tilde < 0 ? pid : pid.substring(0, tilde) + "-" + pid.substring(tilde + 1)) + ".cfg";
    }

    static String render(String featureId, String pid, Map<String, Object> properties) {
        StringBuilder out = new StringBuilder();
        out.append("# Default configuration ")
                .append(pid)
                .append(", from feature '")
                .append(featureId)
                .append("'.\n");
        out.append("# Edit to change it; the server applies changes within seconds.\n");
        properties.forEach((key, value) -> out.append(escape(key, true))
                .append(" = ")
                .append(escape(String.valueOf(value), false))
                .append('\n'));
        return out.toString();
    }

    /** Escapes a value for java.util.Properties syntax, leaving {@code ${...}} references intact. */
    static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '=', ':', '#', '!' -> out.append(key ? "\\" + c : String.valueOf(c));
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
