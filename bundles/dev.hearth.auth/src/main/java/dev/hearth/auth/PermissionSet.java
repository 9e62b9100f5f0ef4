package dev.hearth.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.StatusException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An ordered set of {@link Rule}s, and the questions every route asks of it. Immutable.
 *
 * <p>Collection-wide operations ({@code _find}, {@code _changes}, replication) need a rule on the
 * whole doctype ({@link #allowsWholeType}); single-document operations also accept rules
 * restricted to some ids or selector values ({@link #allows}).
 */
public final class PermissionSet {
    private static final PermissionSet EMPTY = new PermissionSet(List.of());
    private static final PermissionSet MAXIMAL =
            new PermissionSet(List.of(new Rule(Rule.MAXIMAL, Set.of(), List.of(), null, "maximal", null)));

    private final List<Rule> rules;

    private PermissionSet(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static PermissionSet of(List<Rule> rules) {
        return rules.isEmpty() ? EMPTY : new PermissionSet(rules);
    }

    /** The set that allows nothing. */
    public static PermissionSet empty() {
        return EMPTY;
    }

    /** The set that allows everything (for trusted first-party clients only). */
    public static PermissionSet maximal() {
        return MAXIMAL;
    }

    /**
     * Parses a scope: rules separated by single spaces.
     *
     * @throws StatusException 400 {@value Rule#BAD_SCOPE} when empty or malformed
     */
    public static PermissionSet parseScope(String scope) {
        if (scope == null || scope.isEmpty()) {
            throw StatusException.badRequest(Rule.BAD_SCOPE);
        }
        List<Rule> rules = new ArrayList<>();
        for (String part : scope.split(" ", -1)) {
            rules.add(Rule.parse(part));
        }
        return of(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** This set in scope syntax. */
    public String toScope() {
        StringBuilder out = new StringBuilder();
        for (Rule r : rules) {
            out.append(out.isEmpty() ? "" : " ").append(r.toScope());
        }
        return out.toString();
    }

    public boolean isMaximal() {
        return some(r -> r.type().equals(Rule.MAXIMAL));
    }

    /** Whether {@code verb} may be applied to every document of {@code doctype}. */
    public boolean allowsWholeType(Verb verb, String doctype) {
        return some(r -> r.allowsVerb(verb) && r.matchesType(doctype) && r.isWholeType());
    }

    /** Whether {@code verb} may be applied to the document {@code id} of {@code doctype}. */
    public boolean allowsId(Verb verb, String doctype, String id) {
        return some(r -> r.allowsVerb(verb)
                && r.matchesType(doctype)
                && (r.isWholeType() || (r.selector() == null && r.values().contains(id))));
    }

    /** Whether {@code verb} may be applied to the document, by id or selector. */
    public boolean allows(Verb verb, PermissionTarget target) {
        return some(r -> r.allowsVerb(verb) && r.matchesType(target.doctype()) && r.matchesValues(target));
    }

    /**
     * Whether {@code verb} may be applied to the document through a rule whose selector is one of
     * {@code fields} (a rule without values or selector is too wide to count here).
     */
    public boolean allowsOnFields(Verb verb, PermissionTarget target, String... fields) {
        return some(r -> r.allowsVerb(verb)
                && r.matchesType(target.doctype())
                && !r.values().isEmpty()
                && r.selector() != null
                && List.of(fields).contains(r.selector())
                && r.matchesValues(target));
    }

    /** Whether every document {@code rule} allows is allowed by this set. */
    public boolean covers(Rule rule) {
        if (isMaximal()) {
            return true;
        }
        return some(r -> {
            if (!r.matchesType(rule.type())
                    || !(r.verbs().isEmpty()
                            || (!rule.verbs().isEmpty() && r.verbs().containsAll(rule.verbs())))) {
                return false;
            }
            if (r.isWholeType() && r.selector() == null) {
                return true;
            }
            return Objects.equals(r.selector(), rule.selector())
                    && !rule.values().isEmpty()
                    && r.values().containsAll(rule.values());
        });
    }

    /** Whether every document this set allows is allowed by {@code parent}. */
    public boolean isSubsetOf(PermissionSet parent) {
        if (isMaximal()) {
            return false;
        }
        for (Rule r : rules) {
            if (!parent.covers(r)) {
                return false;
            }
        }
        return true;
    }

    /** The JSON form of a permission document: an object of rules keyed by title. */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            ObjectNode rule = out.putObject(r.title() != null ? r.title() : "rule" + i);
            rule.put("type", r.type());
            if (r.description() != null) {
                rule.put("description", r.description());
            }
            if (!r.verbs().isEmpty()) {
                ArrayNode verbs = rule.putArray("verbs");
                r.verbs().forEach(v -> verbs.add(v.name()));
            }
            if (r.selector() != null) {
                rule.put("selector", r.selector());
            }
            if (!r.values().isEmpty()) {
                ArrayNode values = rule.putArray("values");
                r.values().forEach(values::add);
            }
        }
        return out;
    }

    /**
     * Reads the JSON form of {@link #toJson()}; rule keys become titles.
     *
     * @throws StatusException 400 {@value Rule#BAD_SCOPE} when a rule is malformed
     */
    public static PermissionSet fromJson(JsonNode json) {
        if (!json.isObject()) {
            throw StatusException.badRequest(Rule.BAD_SCOPE);
        }
        List<Rule> rules = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            rules.add(ruleFromJson(e.getKey(), e.getValue()));
        }
        return of(rules);
    }

    private static Rule ruleFromJson(String title, JsonNode json) {
        JsonNode type = json.get("type");
        if (!json.isObject() || type == null || !type.isTextual() || !Doctypes.isValidPattern(type.asText())) {
            throw StatusException.badRequest(Rule.BAD_SCOPE);
        }
        return new Rule(
                type.asText(),
                verbsFromJson(json.get("verbs")),
                stringsFromJson(json.get("values")),
                textOrNull(json.get("selector")),
                title,
                textOrNull(json.get("description")));
    }

    private static Set<Verb> verbsFromJson(JsonNode verbs) {
        List<String> names = stringsFromJson(verbs);
        return names.contains("ALL") || names.isEmpty() ? Set.of() : Rule.parseVerbs(String.join(",", names));
    }

    private static List<String> stringsFromJson(JsonNode array) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw StatusException.badRequest(Rule.BAD_SCOPE);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) {
            if (!v.isTextual() || v.asText().isEmpty()) {
                throw StatusException.badRequest(Rule.BAD_SCOPE);
            }
            out.add(v.asText());
        }
        return out;
    }

    private static String textOrNull(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw StatusException.badRequest(Rule.BAD_SCOPE);
        }
        return node.asText();
    }

    private boolean some(Predicate<Rule> predicate) {
        for (Rule r : rules) {
            if (predicate.test(r)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PermissionSet other && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return toScope();
    }
}
