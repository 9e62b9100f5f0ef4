package dev.hearth.common.jsonapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hearth.common.error.ApiException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JSON:API error object. As in Cozy, {@code status} is a string.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorObject(
        String status,
        String title,
        @Nullable String code,
        String detail,
        @Nullable Map<String, String> source) {

    public static ErrorObject of(ApiException e) {
        Map<String, String> source = null;
        if (e.parameter() != null) {
            source = Map.of("parameter", e.parameter());
        } else if (e.pointer() != null) {
            source = Map.of("pointer", e.pointer());
        }
        return new ErrorObject(Integer.toString(e.status()), e.title(), null, e.detail(), source);
    }

    /** The body {@code {"errors":[this]}}. */
    public Map<String, List<ErrorObject>> asBody() {
        return Map.of("errors", List.of(this));
    }
}
