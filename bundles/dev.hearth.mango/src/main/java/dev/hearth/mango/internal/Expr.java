package dev.hearth.mango.internal;

import java.util.List;

/**
 * A normalized selector: combinators over field conditions. A field path is a list of segments;
 * it is empty only inside {@code $elemMatch}, {@code $allMatch} and {@code $keyMapMatch}, where it
 * designates the element (or key) itself.
 */
public sealed interface Expr {
    /** All arguments match (true when empty). */
    record And(List<Expr> args) implements Expr {
        public And {
            args = List.copyOf(args);
        }
    }

    /** Some argument matches (true when empty, as in CouchDB). */
    record Or(List<Expr> args) implements Expr {
        public Or {
            args = List.copyOf(args);
        }
    }

    /** No argument matches; removed by negation normalization outside element selectors. */
    record Nor(List<Expr> args) implements Expr {
        public Nor {
            args = List.copyOf(args);
        }
    }

    /** The argument does not match; removed by negation normalization outside element selectors. */
    record Not(Expr arg) implements Expr {}

    /** The value at {@code path} exists and satisfies {@code cond}. */
    record Field(List<String> path, Cond cond) implements Expr {
        public Field {
            path = List.copyOf(path);
        }
    }
}
