package dev.hearth.files.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.PermissionTarget;
import dev.hearth.auth.Verb;
import dev.hearth.common.error.StatusException;
import dev.hearth.files.FileService;
import dev.hearth.files.Files;
import dev.hearth.web.Call;
import dev.hearth.web.RequestContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The permission checks of the file routes. A rule on {@code io.cozy.files} allows the whole
 * doctype, some ids, or a selector on {@code referenced_by}; a rule on a directory id covers every
 * entry below that directory, so a caller's rights on an entry are its own and its ancestors'.
 */
final class FileAccess {
    private FileAccess() {}

    static PermissionSet permissions(Call call) {
        return call.context().auth().permissions();
    }

    static void wholeType(Call call, Verb verb) {
        call.context().requireWholeType(verb, Files.DOCTYPE);
    }

    /** 403 unless the caller may use {@code verb} on {@code doc}. */
    static void entry(Call call, FileService files, Verb verb, ObjectNode doc) {
        if (!allows(call, files, verb, doc)) {
            throw StatusException.forbidden(RequestContext.FORBIDDEN);
        }
    }

    static boolean allows(Call call, FileService files, Verb verb, ObjectNode doc) {
        PermissionSet set = permissions(call);
        if (set.allowsWholeType(verb, Files.DOCTYPE)) {
            return true;
        }
        String id = doc.path("_id").asText();
        if (set.allows(verb, PermissionTarget.of(Files.DOCTYPE, id, field -> values(doc.path(field))))) {
            return true;
        }
        for (String ancestor : files.ancestors(call.context().domain(), doc)) {
            if (set.allowsId(verb, Files.DOCTYPE, ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** A field's values for permission checks; references read as {@code doctype/id}. */
    private static List<String> values(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode v : value) {
                if (v.isObject()) {
                    out.add(v.path("type").asText() + "/" + v.path("id").asText());
                } else {
                    out.add(v.asText());
                }
            }
        } else if (value.isValueNode() && !value.isNull()) {
            out.add(value.asText());
        }
        return out;
    }
}
