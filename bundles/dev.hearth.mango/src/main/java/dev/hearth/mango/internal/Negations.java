package dev.hearth.mango.internal;

import java.util.List;

/**
 * Pushes {@code $not} and {@code $nor} down to the fields, as CouchDB's normalization does: De
 * Morgan's laws on combinators, and each negated field condition replaced by its opposite
 * operator ({@code $lt} and {@code $gte}, {@code $eq} and {@code $ne}, {@code $in} and {@code
 * $nin}, {@code $exists}), or else wrapped in a field-level {@code $not}. Since a field condition
 * other than {@code $exists: false} needs the field to exist, {@code {"$not": {"a": 1}}} does not
 * match a document without {@code a}. Like CouchDB, this does not descend into the selectors of
 * {@code $elemMatch}, {@code $allMatch} and {@code $keyMapMatch}, where {@code $not} keeps its
 * literal meaning.
 */
final class Negations {
    private Negations() {}

    static Expr normalize(Expr e) {
        return switch (e) {
            case Expr.Not not -> negate(not.arg());
            case Expr.Nor nor -> new Expr.And(map(nor.args(), true));
            case Expr.And and -> new Expr.And(map(and.args(), false));
            case Expr.Or or -> new Expr.Or(map(or.args(), false));
            case Expr.Field field -> field;
        };
    }

    private static Expr negate(Expr e) {
        return switch (e) {
            case Expr.Not not -> normalize(not.arg());
            case Expr.Nor nor -> new Expr.Or(map(nor.args(), false));
            case Expr.And and -> new Expr.Or(map(and.args(), true));
            case Expr.Or or -> new Expr.And(map(or.args(), true));
            case Expr.Field field -> new Expr.Field(field.path(), negate(field.cond()));
        };
    }

    private static Cond negate(Cond c) {
        return switch (c) {
            case Cond.Compare cmp -> new Cond.Compare(cmp.op().negated(), cmp.arg());
            case Cond.In in -> new Cond.In(in.values(), !in.negated());
            case Cond.Exists exists -> new Cond.Exists(!exists.value());
            case Cond.Not not -> not.cond();
            default -> new Cond.Not(c);
        };
    }

    private static List<Expr> map(List<Expr> args, boolean negate) {
        return args.stream().map(a -> negate ? negate(a) : normalize(a)).toList();
    }
}
