package dev.hearth.mango;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hearth.mango.internal.Expr;
import dev.hearth.mango.internal.Matcher;
import dev.hearth.mango.internal.Render;
import dev.hearth.mango.internal.SelectorParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A parsed, validated and normalized Mango selector (the {@code selector} of a CouchDB {@code
 * _find} request), which tells whether a document matches. Immutable and thread-safe.
 *
 * <p>Semantics follow CouchDB: members of an object are implicitly and-ed; {@code {"a": 1}} is
 * {@code {"a": {"$eq": 1}}}; {@code {"a": {"b": 1}}} is the field {@code a.b}; {@code $not} and
 * {@code $nor} are pushed down to the fields, so a negated condition still needs its field to
 * exist; a missing field matches only {@code $exists: false}; comparisons use {@link Collation}
 * ({@code _id} uses raw order), and equality is not membership ({@code {"tags": "a"}} does not
 * match {@code {"tags": ["a"]}}; use {@code $elemMatch}, {@code $all} or {@code $in}). {@code
 * $regex} uses {@link java.util.regex.Pattern} syntax (close to, but not exactly, the PCRE of
 * CouchDB) and, unlike Erlang's byte-oriented {@code re}, matches characters rather than UTF-8
 * bytes. {@code $text} is refused, as there is no text index.
 */
public final class Selector {
    private static final Selector ALL = new Selector(new Expr.And(List.of()), true);

    private final Expr root;
    private final boolean empty;

    private Selector(Expr root, boolean empty) {
        this.root = root;
        this.empty = empty;
    }

    /**
     * Parses a selector.
     *
     * @throws MangoException when the selector is not an object or is invalid; the message names
     *     the problem in CouchDB's words (such as {@code Invalid operator: $foo})
     */
    public static Selector parse(JsonNode selector) {
        if (selector.isObject() && selector.isEmpty()) {
            return ALL;
        }
        return new Selector(SelectorParser.parse(selector), false);
    }

    /** The empty selector {@code {}}, which matches every document. */
    public static Selector matchAll() {
        return ALL;
    }

    /** Whether this is the empty selector, which matches everything. */
    public boolean isEmpty() {
        return empty;
    }

    /** Whether the document matches; never throws, whatever the document holds. */
    public boolean matches(JsonNode document) {
        return empty || Matcher.matches(root, document);
    }

    /**
     * The normalized selector, as CouchDB's {@code _explain} shows it: explicit {@code $and}, one
     * operator per dotted field name (dots inside names escaped as {@code \.}), negations pushed
     * down. Parsing it gives an equivalent selector. A fresh copy on each call.
     */
    public JsonNode normalized() {
        return empty ? JsonNodeFactory.instance.objectNode() : Render.expr(root);
    }

    /**
     * Every field path the selector references at document level, dotted, in order of first use
     * (paths inside {@code $elemMatch}, {@code $allMatch} and {@code $keyMapMatch} are relative to
     * elements and are not included).
     */
    public Set<String> fields() {
        return Render.fields(root);
    }

    /**
     * For every field constrained directly by the top-level (implicit or explicit) {@code $and},
     * not under {@code $or} or a negation, the combined condition an index scan can use; keyed
     * by dotted path, in order of first use.
     */
    public Map<String, FieldCondition> andedConditions() {
        return FieldConditions.of(root);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Selector other && normalized().equals(other.normalized());
    }

    @Override
    public int hashCode() {
        return normalized().hashCode();
    }

    /** The normalized selector as JSON text. */
    @Override
    public String toString() {
        return normalized().toString();
    }
}
