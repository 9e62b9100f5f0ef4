package dev.hearth.auth;

import java.util.List;
import java.util.function.Function;

/** A document as seen by permission checks: its doctype, its id, and its field values. */
public interface PermissionTarget {

    String doctype();

    String id();

    /** The values of a field, as strings (several for arrays); empty when the field is missing. */
    List<String> fetch(String field);

    /** A target known only by doctype and id (a selector never matches it). */
    static PermissionTarget of(String doctype, String id) {
        return of(doctype, id, field -> List.of());
    }

    /** A target whose field values come from {@code fields}. */
    static PermissionTarget of(String doctype, String id, Function<String, List<String>> fields) {
        return new PermissionTarget() {
            @Override
            public String doctype() {
                return doctype;
            }

            @Override
            public String id() {
                return id;
            }

            @Override
            public List<String> fetch(String field) {
                return fields.apply(field);
            }
        };
    }
}
