package dev.hearth.common.jsonapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One JSON:API resource object: {@code {"type","id","attributes","meta":{"rev"},"links":{"self"}}}.
 *
 * @param attributes any value Jackson can serialize (a record, a map, a tree)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Resource(
        String type,
        String id,
        Object attributes,
        @Nullable Map<String, Object> meta,
        @Nullable Map<String, String> links,
        @Nullable Map<String, Object> relationships) {

    /** A resource with a self link and no revision. */
    public static Resource of(String type, String id, Object attributes, String selfLink) {
        return new Resource(type, id, attributes, null, Map.of("self", selfLink), null);
    }

    /** A resource with a self link and a CouchDB revision in {@code meta.rev}. */
    public static Resource withRev(String type, String id, String rev, Object attributes, String selfLink) {
        return new Resource(type, id, attributes, Map.of("rev", rev), Map.of("self", selfLink), null);
    }
}
