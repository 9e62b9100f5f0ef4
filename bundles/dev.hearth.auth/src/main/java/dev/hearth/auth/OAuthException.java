package dev.hearth.auth;

import dev.hearth.common.error.HearthException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An OAuth error, answered as {@code {"error": code, "error_description": description}} (RFC
 * 6749 section 5.2, RFC 7591 section 3.2.2).
 */
public final class OAuthException extends HearthException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final @Nullable String description;

    public OAuthException(int status, String code, @Nullable String description) {
        super(status, code, null);
        this.code = code;
        this.description = description;
    }

    public static OAuthException badRequest(String code, @Nullable String description) {
        return new OAuthException(400, code, description);
    }

    public String code() {
        return code;
    }

    /** The JSON body of the error, in RFC 6749's format whatever the HTTP area. */
    @Override
    public Map<String, String> body() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        if (description != null) {
            body.put("error_description", description);
        }
        return body;
    }
}
