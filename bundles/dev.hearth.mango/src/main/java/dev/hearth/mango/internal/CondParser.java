package dev.hearth.mango.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.mango.JsonType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/** Validates the argument of a value operator and builds its condition. */
final class CondParser {
    private CondParser() {}

    /** The condition for a value operator, or null if {@code op} is not one. */
    static @Nullable Cond parse(String op, JsonNode arg) {
        return switch (op) {
            case "$eq" -> compare(Cond.CompareOp.EQ, arg);
            case "$ne" -> compare(Cond.CompareOp.NE, arg);
            case "$lt" -> compare(Cond.CompareOp.LT, arg);
            case "$lte" -> compare(Cond.CompareOp.LTE, arg);
            case "$gt" -> compare(Cond.CompareOp.GT, arg);
            case "$gte" -> compare(Cond.CompareOp.GTE, arg);
            case "$in" -> new Cond.In(values(op, arg), false);
            case "$nin" -> new Cond.In(values(op, arg), true);
            case "$all" -> new Cond.All(values(op, arg));
            case "$exists" -> exists(arg);
            case "$type" -> type(arg);
            case "$size" -> size(arg);
            case "$mod" -> mod(arg);
            case "$regex" -> regex(arg);
            case "$beginsWith" -> beginsWith(arg);
            default -> null;
        };
    }

    private static Cond compare(Cond.CompareOp op, JsonNode arg) {
        return new Cond.Compare(op, arg.deepCopy());
    }

    private static List<JsonNode> values(String op, JsonNode arg) {
        if (!arg.isArray()) {
            throw Errors.badArg(op, arg);
        }
        List<JsonNode> values = new ArrayList<>(arg.size());
        arg.forEach(v -> values.add(v.deepCopy()));
        return values;
    }

    private static Cond exists(JsonNode arg) {
        if (!arg.isBoolean()) {
            throw Errors.badArg("$exists", arg);
        }
        return new Cond.Exists(arg.booleanValue());
    }

    private static Cond type(JsonNode arg) {
        Optional<JsonType> type = arg.isTextual() ? JsonType.fromName(arg.textValue()) : Optional.empty();
        return new Cond.Type(type.orElseThrow(() -> Errors.badArg("$type", arg)));
    }

    private static Cond size(JsonNode arg) {
        if (!arg.isIntegralNumber() || Numbers.integer(arg).signum() < 0) {
            throw Errors.badArg("$size", arg);
        }
        return new Cond.Size(Numbers.integer(arg));
    }

    private static Cond mod(JsonNode arg) {
        if (!arg.isArray()
                || arg.size() != 2
                || !arg.get(0).isIntegralNumber()
                || !arg.get(1).isIntegralNumber()) {
            throw Errors.badArg("$mod", arg);
        }
        BigInteger divisor = Numbers.integer(arg.get(0));
        if (divisor.signum() == 0) {
            throw Errors.badArg("$mod", arg);
        }
        return new Cond.Mod(divisor, Numbers.integer(arg.get(1)));
    }

    private static Cond regex(JsonNode arg) {
        if (!arg.isTextual()) {
            throw Errors.badArg("$regex", arg);
        }
        try {
            return new Cond.Regex(arg.textValue(), Pattern.compile(arg.textValue()));
        } catch (PatternSyntaxException | StackOverflowError e) {
            throw Errors.badArg("$regex", arg);
        }
    }

    private static Cond beginsWith(JsonNode arg) {
        if (!arg.isTextual()) {
            throw Errors.badArg("$beginsWith", arg);
        }
        return new Cond.BeginsWith(arg.textValue());
    }
}
