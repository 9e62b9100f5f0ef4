package dev.hearth.auth;

import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.StatusException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One permission rule: which verbs on which documents of a doctype.
 *
 * @param type a doctype, a wildcard such as {@code io.cozy.bank.*}, or {@code *} (everything)
 * @param verbs the verbs granted; empty means all of them
 * @param values document ids (or values of {@code selector}); empty means every document
 * @param selector the field compared with {@code values} instead of the id, or null
 * @param title the rule's key in a permission document, or null
 * @param description a human-readable purpose, or null
 */
public record Rule(
        String type,
        Set<Verb> verbs,
        List<String> values,
        @Nullable String selector,
        @Nullable String title,
        @Nullable String description) {

    /** The message of every malformed scope or rule, as clients know it. */
    public static final String BAD_SCOPE = "Permission scope is empty or malformed";

    static final String MAXIMAL = "*";
    private static final String ALL = "ALL";

    public Rule {
        verbs = verbs.isEmpty() || verbs.size() == Verb.values().length
                ? Collections.unmodifiableSet(EnumSet.noneOf(Verb.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(verbs));
        values = List.copyOf(values);
        selector = selector == null || selector.isEmpty() ? null : selector;
    }

    /** A rule on a whole doctype with the given verbs (none = all). */
    public static Rule of(String type, Verb... verbs) {
        return new Rule(type, verbs.length == 0 ? Set.of() : EnumSet.of(verbs[0], verbs), List.of(), null, null, null);
    }

    /**
     * Parses one rule of a scope: {@code type[:verbs[:values[:selector]]]}, verbs and values
     * comma-separated, {@code ALL} for every verb.
     *
     * @throws StatusException 400 {@value #BAD_SCOPE}
     */
    public static Rule parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length > 4 || !Doctypes.isValidPattern(parts[0])) {
            throw StatusException.badRequest(BAD_SCOPE);
        }
        Set<Verb> verbs = parts.length > 1 ? parseVerbs(parts[1]) : Set.of();
        List<String> values = parts.length > 2 ? parseValues(parts[2]) : List.of();
        String selector = parts.length > 3 ? parts[3] : null;
        if (selector != null && (selector.isEmpty() || values.isEmpty())) {
            throw StatusException.badRequest(BAD_SCOPE);
        }
        return new Rule(parts[0], verbs, values, selector, null, null);
    }

    /** Parses verbs: {@code ALL} or a comma-separated list of verbs. */
    public static Set<Verb> parseVerbs(String text) {
        if (text.equals(ALL)) {
            return Set.of();
        }
        EnumSet<Verb> verbs = EnumSet.noneOf(Verb.class);
        for (String v : text.split(",", -1)) {
            try {
                verbs.add(Verb.valueOf(v));
            } catch (IllegalArgumentException e) {
                throw StatusException.badRequest(BAD_SCOPE);
            }
        }
        return verbs;
    }

    private static List<String> parseValues(String text) {
        List<String> values = new ArrayList<>();
        for (String v : text.split(",", -1)) {
            if (v.isEmpty()) {
                throw StatusException.badRequest(BAD_SCOPE);
            }
            values.add(v);
        }
        return values;
    }

    /** This rule in scope syntax. */
    public String toScope() {
        StringBuilder out = new StringBuilder(type);
        if (!verbs.isEmpty() || !values.isEmpty() || selector != null) {
            out.append(':').append(verbsString());
        }
        if (!values.isEmpty()) {
            out.append(':').append(String.join(",", values));
        }
        if (selector != null) {
            out.append(':').append(selector);
        }
        return out.toString();
    }

    /** {@code ALL} or the verbs in canonical order, comma-separated. */
    public String verbsString() {
        if (verbs.isEmpty()) {
            return ALL;
        }
        StringBuilder out = new StringBuilder();
        for (Verb v : verbs) {
            out.append(out.isEmpty() ? "" : ",").append(v.name());
        }
        return out.toString();
    }

    /** Whether this rule grants {@code verb}. */
    public boolean allowsVerb(Verb verb) {
        return verbs.isEmpty() || verbs.contains(verb);
    }

    /** Whether this rule's type covers {@code doctype} (exactly, by wildcard, or as {@code *}). */
    public boolean matchesType(String doctype) {
        return type.equals(MAXIMAL) || Doctypes.matches(type, doctype);
    }

    /** Whether this rule covers every document of its type (no values). */
    public boolean isWholeType() {
        return values.isEmpty();
    }

    /** Whether the document matches this rule's values (and selector). */
    public boolean matchesValues(PermissionTarget target) {
        if (values.isEmpty()) {
            return true;
        }
        if (selector == null) {
            return values.contains(target.id());
        }
        for (String candidate : target.fetch(selector)) {
            if (values.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** A copy of this rule with the given title (its key in a permission document). */
    public Rule withTitle(@Nullable String newTitle) {
        return new Rule(type, verbs, values, selector, newTitle, description);
    }
}
