package dev.hearth.datasystem.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.PermissionTarget;
import dev.hearth.auth.Verb;
import dev.hearth.common.error.StatusException;
import dev.hearth.web.Call;
import dev.hearth.web.RequestContext;
import java.util.ArrayList;
import java.util.List;

/** The permission checks of the data routes, on the caller's permission set. */
final class DataAccess {
    private DataAccess() {}

    static PermissionSet permissions(Call call) {
        return call.context().auth().permissions();
    }

    static boolean allowsWholeType(Call call, Verb verb, String doctype) {
        return permissions(call).allowsWholeType(verb, doctype);
    }

    /** Single-document operations also accept rules restricted to some ids or selector values. */
    static void document(Call call, Verb verb, String doctype, ObjectNode doc) {
        if (!permissions(call).allows(verb, target(doctype, doc))) {
            throw StatusException.forbidden(RequestContext.FORBIDDEN);
        }
    }

    static PermissionTarget target(String doctype, ObjectNode doc) {
        return PermissionTarget.of(doctype, doc.path("_id").asText(""), field -> values(doc.path(field)));
    }

    /** A field's values as permission values: each element of an array, or the scalar itself. */
    private static List<String> values(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> out.add(v.isTextual() ? v.asText() : v.toString()));
        } else if (value.isValueNode() && !value.isNull()) {
            out.add(value.asText());
        }
        return out;
    }
}
