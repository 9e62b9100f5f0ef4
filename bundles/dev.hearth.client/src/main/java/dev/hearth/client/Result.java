package dev.hearth.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a link answers: the documents (as the server stores them, with {@code _id} and
 * {@code _rev}; a destroyed document has {@code _deleted}), whether more follow, where the next
 * page starts, and the total when the server gives one.
 */
public record Result(
        List<ObjectNode> data,
        boolean next,
        @Nullable String bookmark,
        @Nullable Long count) {
    public Result {
        data = List.copyOf(data);
    }

    public static Result of(List<ObjectNode> data) {
        return new Result(data, false, null, null);
    }
}
