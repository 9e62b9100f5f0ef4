package dev.hearth.common.error;

import org.jspecify.annotations.Nullable;

/**
 * An error rendered as a JSON:API error object: {@code status}, {@code title}, {@code detail}, and
 * optionally the parameter or attribute that caused it.
 */
public final class ApiException extends HearthException {
    private static final long serialVersionUID = 1L;
    private final String title;
    private final @Nullable String parameter;
    private final @Nullable String pointer;

    public ApiException(int status, String title, String detail, @Nullable String parameter, @Nullable String pointer) {
        super(status, detail, null);
        this.title = title;
        this.parameter = parameter;
        this.pointer = pointer;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** The query parameter at fault, or null. */
    public @Nullable String parameter() {
        return parameter;
    }

    /** The JSON pointer of the attribute at fault, or null. */
    public @Nullable String pointer() {
        return pointer;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad Request", detail, null, null);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "Unauthorized", detail, null, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden", detail, null, null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "Not Found", detail, null, null);
    }

    public static ApiException methodNotAllowed(String method) {
        return new ApiException(405, "Method Not Allowed", method + " not allowed", null, null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail, null, null);
    }

    public static ApiException preconditionFailed(String parameter, String detail) {
        return new ApiException(412, "Precondition Failed", detail, parameter, null);
    }

    public static ApiException tooLarge(String detail) {
        return new ApiException(413, "Request Entity Too Large", detail, null, null);
    }

    public static ApiException invalidParameter(String parameter, String detail) {
        return new ApiException(422, "Invalid Parameter", detail, parameter, null);
    }

    public static ApiException invalidAttribute(String attribute, String detail) {
        return new ApiException(422, "Invalid Attribute", detail, null, "/data/attributes/" + attribute);
    }
}
