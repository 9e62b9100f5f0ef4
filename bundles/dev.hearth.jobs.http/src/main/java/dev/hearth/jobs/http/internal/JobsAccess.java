package dev.hearth.jobs.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.PermissionTarget;
import dev.hearth.auth.Verb;
import dev.hearth.common.error.StatusException;
import dev.hearth.web.Call;
import dev.hearth.web.RequestContext;
import java.util.List;

/**
 * The permission checks of the jobs routes. Queuing a job needs a rule restricted to its worker
 * (a rule on the whole {@code io.cozy.jobs} doctype is refused, as in Cozy, so that a token
 * allowed to read jobs cannot send mail); the other routes accept whole-type rules and rules
 * whose selector is {@code worker} (or listing the document's id).
 */
final class JobsAccess {
    private JobsAccess() {}

    static PermissionSet permissions(Call call) {
        return call.context().auth().permissions();
    }

    /** A job or trigger as a permission target: its id, and its {@code worker} and {@code type} fields. */
    static PermissionTarget target(String doctype, String id, ObjectNode doc) {
        return PermissionTarget.of(doctype, id, field -> {
            JsonNode value = doc.path(field);
            return value.isValueNode() && !value.isNull() ? List.of(value.asText()) : List.of();
        });
    }

    static void require(Call call, Verb verb, PermissionTarget target) {
        if (!permissions(call).allows(verb, target)) {
            throw StatusException.forbidden(RequestContext.FORBIDDEN);
        }
    }

    /** Queuing: only a rule restricted to the worker (or a maximal set) allows it. */
    static void requireQueue(Call call, String doctype, String worker) {
        PermissionSet permissions = permissions(call);
        ObjectNode doc = new com.fasterxml.jackson.databind.node.ObjectNode(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance);
        doc.put("worker", worker);
        PermissionTarget target = target(doctype, "", doc);
        if (!permissions.isMaximal() && !permissions.allowsOnFields(Verb.POST, target, "worker")) {
            throw StatusException.forbidden(RequestContext.FORBIDDEN);
        }
    }

    /** Whether the caller has any rule that lets it read some documents of the doctype. */
    static boolean readsSome(Call call, String doctype) {
        return permissions(call).rules().stream().anyMatch(r -> r.matchesType(doctype) && r.allowsVerb(Verb.GET));
    }
}
