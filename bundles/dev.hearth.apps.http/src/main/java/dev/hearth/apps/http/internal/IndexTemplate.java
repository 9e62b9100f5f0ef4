package dev.hearth.apps.http.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An app's {@code index.html} with Cozy's template values ({@code {{.Token}}}, {@code
 * {{.CozyData}}}, ...) filled in, escaped for where each one stands, as Go's {@code html/template}
 * does for cozy-stack: HTML text and attribute values are HTML-escaped; inside a {@code <script>}
 * a value becomes a JavaScript string literal (or the content of one, when the template already
 * quotes it). {@link Html} values (the markup cozy-stack inserts, such as {@code {{.CozyBar}}})
 * go in as they are, in text only. Names the page uses but Hearth does not know become empty.
 */
final class IndexTemplate {
    private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*\\.(\\w+)\\s*-?}}");

    /** A value that is markup, inserted without escaping. */
    record Html(String markup) {}

    /** Where an action stands, which says how its value is escaped. */
    private enum Slot {
        TEXT,
        HTML, // a tag, an attribute value, a comment: HTML-escaped, markup included
        SCRIPT,
        SCRIPT_STRING
    }

    /** A piece of the page: literal text, then the action after it (null after the last one). */
    private record Part(String literal, @Nullable String name, Slot slot) {}

    private final List<Part> parts;
    private final int literalLength;

    private IndexTemplate(List<Part> parts) {
        this.parts = parts;
        this.literalLength = parts.stream().mapToInt(p -> p.literal().length()).sum();
    }

    /**
     * Reads {@code template} once: where each action stands is known before any value is, so a
     * page served many times is scanned only once.
     */
    static IndexTemplate compile(String template) {
        List<Part> parts = new ArrayList<>();
        Context context = new Context();
        Matcher m = ACTION.matcher(template);
        int from = 0;
        while (m.find()) {
            String literal = template.substring(from, m.start());
            context.advance(literal);
            parts.add(new Part(literal, m.group(1), context.slot()));
            from = m.end();
        }
        parts.add(new Part(template.substring(from), null, Slot.TEXT));
        return new IndexTemplate(List.copyOf(parts));
    }

    /**
     * Renders {@code template}.
     *
     * @param values by name: a {@link String}, an {@link Html}, or anything whose {@code
     *     toString()} is the text
     */
    static String render(String template, Map<String, ?> values) {
        return compile(template).render(values);
    }

    /** This page with these values (see {@link #render(String, Map)}). */
    String render(Map<String, ?> values) {
        StringBuilder out = new StringBuilder(literalLength + 2048);
        for (Part part : parts) {
            out.append(part.literal());
            if (part.name() != null) {
                out.append(escape(values.get(part.name()), part.slot()));
            }
        }
        return out.toString();
    }

    private static String escape(@Nullable Object value, Slot slot) {
        if (value == null) {
            return slot == Slot.SCRIPT ? "\"\"" : "";
        }
        if (value instanceof Html html) {
            return slot == Slot.TEXT ? html.markup() : escapeText(html.markup(), slot);
        }
        return escapeText(value.toString(), slot);
    }

    private static String escapeText(String text, Slot slot) {
        return switch (slot) {
            case SCRIPT_STRING -> jsStringContent(text);
            case SCRIPT -> '"' + jsStringContent(text) + '"';
            case TEXT, HTML -> html(text);
        };
    }

    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                case '\0' -> out.append("\uFFFD");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The content of a JavaScript string literal, safe in a script element whatever its quotes. */
    static String jsStringContent(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\u0022");
                case '\'' -> out.append("\\u0027");
                case '`' -> out.append("\\u0060");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Where the template is, as far as escaping goes: text, a tag, a quoted attribute, a script. */
    private static final class Context {
        private enum State {
            TEXT,
            TAG,
            ATTRIBUTE,
            COMMENT,
            SCRIPT,
            SCRIPT_STRING
        }

        private State state = State.TEXT;
        private char quote;
        private boolean scriptTag;

        Slot slot() {
            return switch (state) {
                case TEXT -> Slot.TEXT;
                case SCRIPT -> Slot.SCRIPT;
                case SCRIPT_STRING -> Slot.SCRIPT_STRING;
                case TAG, ATTRIBUTE, COMMENT -> Slot.HTML;
            };
        }

        void advance(String html) {
            int i = 0;
            while (i < html.length()) {
                i = step(html, i);
            }
        }

        private int step(String html, int i) {
            char c = html.charAt(i);
            return switch (state) {
                case TEXT -> text(html, i, c);
                case TAG -> tag(c, i);
                case ATTRIBUTE -> {
                    if (c == quote) {
                        state = State.TAG;
                    }
                    yield i + 1;
                }
                case COMMENT -> {
                    if (html.startsWith("-->", i)) {
                        state = State.TEXT;
                        yield i + 3;
                    }
                    yield i + 1;
                }
                case SCRIPT -> script(html, i, c);
                case SCRIPT_STRING -> {
                    if (c == '\\') {
                        yield i + 2;
                    }
                    if (c == quote) {
                        state = State.SCRIPT;
                    }
                    yield i + 1;
                }
            };
        }

        private int text(String html, int i, char c) {
            if (html.startsWith("<!--", i)) {
                state = State.COMMENT;
                return i + 4;
            }
            if (c == '<') {
                state = State.TAG;
                scriptTag = html.regionMatches(true, i + 1, "script", 0, 6);
            }
            return i + 1;
        }

        private int tag(char c, int i) {
            if (c == '"' || c == '\'') {
                quote = c;
                state = State.ATTRIBUTE;
            } else if (c == '>') {
                state = scriptTag ? State.SCRIPT : State.TEXT;
            }
            return i + 1;
        }

        private int script(String html, int i, char c) {
            if (html.regionMatches(true, i, "</script", 0, 8)) {
                state = State.TAG;
                scriptTag = false;
                return i + 1;
            }
            if (c == '"' || c == '\'' || c == '`') {
                quote = c;
                state = State.SCRIPT_STRING;
            }
            return i + 1;
        }
    }
}
