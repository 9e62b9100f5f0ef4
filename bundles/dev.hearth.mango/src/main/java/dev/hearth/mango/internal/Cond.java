package dev.hearth.mango.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.mango.JsonType;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/** A condition on one value: one Mango operator and its validated argument. */
public sealed interface Cond {
    /** The six comparison operators. */
    enum CompareOp {
        EQ("$eq"),
        NE("$ne"),
        LT("$lt"),
        LTE("$lte"),
        GT("$gt"),
        GTE("$gte");

        private final String operator;

        CompareOp(String operator) {
            this.operator = operator;
        }

        public String operator() {
            return operator;
        }

        /** Whether a comparison result (value versus argument) satisfies this operator. */
        public boolean test(int cmp) {
            return switch (this) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case LT -> cmp < 0;
                case LTE -> cmp <= 0;
                case GT -> cmp > 0;
                case GTE -> cmp >= 0;
            };
        }

        /** The operator matching exactly the present values this one does not. */
        public CompareOp negated() {
            return switch (this) {
                case EQ -> NE;
                case NE -> EQ;
                case LT -> GTE;
                case LTE -> GT;
                case GT -> LTE;
                case GTE -> LT;
            };
        }
    }

    /** {@code $eq $ne $lt $lte $gt $gte}. */
    record Compare(CompareOp op, JsonNode arg) implements Cond {}

    /** {@code $in}, or {@code $nin} when negated. */
    record In(List<JsonNode> values, boolean negated) implements Cond {
        public In {
            values = List.copyOf(values);
        }
    }

    /** {@code $exists}. */
    record Exists(boolean value) implements Cond {}

    /** {@code $type}. */
    record Type(JsonType type) implements Cond {}

    /** {@code $size}. */
    record Size(BigInteger size) implements Cond {}

    /** {@code $mod}: {@code value rem divisor == remainder}, truncating like Erlang's rem. */
    record Mod(BigInteger divisor, BigInteger remainder) implements Cond {}

    /** {@code $regex}. */
    record Regex(String source, Pattern pattern) implements Cond {}

    /** {@code $beginsWith}. */
    record BeginsWith(String prefix) implements Cond {}

    /** {@code $all}. */
    record All(List<JsonNode> values) implements Cond {
        public All {
            values = List.copyOf(values);
        }
    }

    /** {@code $elemMatch}: some element of an array matches. */
    record ElemMatch(Expr selector) implements Cond {}

    /** {@code $allMatch}: a non-empty array whose elements all match. */
    record AllMatch(Expr selector) implements Cond {}

    /** {@code $keyMapMatch}: some key of an object matches. */
    record KeyMapMatch(Expr selector) implements Cond {}

    /** A negated condition that has no negated operator (the field must still exist). */
    record Not(Cond cond) implements Cond {}
}
