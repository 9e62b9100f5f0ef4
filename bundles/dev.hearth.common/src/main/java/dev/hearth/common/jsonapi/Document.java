package dev.hearth.common.jsonapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JSON:API top-level document with either one resource or a list of resources.
 *
 * @param data a {@link Resource} or a list of them
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Document(
        Object data,
        @Nullable Map<String, Object> meta,
        @Nullable Map<String, String> links) {

    /** The media type of JSON:API documents. */
    public static final String MEDIA_TYPE = "application/vnd.api+json";

    public static Document single(Resource resource) {
        return new Document(resource, null, null);
    }

    /** A list with {@code meta.count} and, when there is a next page, {@code links.next}. */
    public static Document list(List<Resource> resources, long count, @Nullable String next) {
        return new Document(resources, Map.of("count", count), next == null ? null : Map.of("next", next));
    }
}
