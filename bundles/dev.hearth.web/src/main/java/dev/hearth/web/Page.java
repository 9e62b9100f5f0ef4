package dev.hearth.web;

import dev.hearth.common.error.ApiException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of a JSON:API list asked with {@code page[skip]} and {@code page[limit]}: a missing or
 * zero limit takes the default, a larger one than the maximum is cut to it, and a skip past the
 * end gives an empty page.
 *
 * @param skip how many items to leave out, at least 0
 * @param limit how many items at most, between 1 and the maximum
 */
public record Page(int skip, int limit) {

    /**
     * The page a request asks for.
     *
     * @throws ApiException 422 naming the parameter when it is not a whole number
     */
    public static Page of(Call call, int defaultLimit, int maxLimit) {
        int limit = parameter(call, "page[limit]");
        return new Page(parameter(call, "page[skip]"), limit == 0 ? defaultLimit : Math.min(limit, maxLimit));
    }

    /** The items of this page. */
    public <T> List<T> slice(List<T> all) {
        return all.subList(Math.min(skip, all.size()), (int) Math.min(end(), all.size()));
    }

    /** The link to the next page under {@code path}, or null when this page is the last. */
    public @Nullable String next(String path, int total) {
        return end() < total ? path + "?page[limit]=" + limit + "&page[skip]=" + end() : null;
    }

    private long end() {
        return (long) skip + limit;
    }

    private static int parameter(Call call, String name) {
        String value = call.query(name);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter(name, "Not a number");
        }
    }
}
