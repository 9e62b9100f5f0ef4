package dev.hearth.web.internal;

import dev.hearth.common.error.StatusException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.jspecify.annotations.Nullable;

/**
 * What the servlet container throws at a route about the request itself: a query string or form
 * that is not valid UTF-8, a form over the size limit, a chunked body that breaks off. These are
 * the client's errors, not the server's.
 */
public final class ContainerErrors {
    static final String FORM_TOO_LARGE = "The form is too large";

    private ContainerErrors() {}

    /** The client error {@code error} stands for, or null when it is not one. */
    public static @Nullable StatusException clientError(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof IllegalStateException
                    && message != null
                    && (message.startsWith("form too large") || message.startsWith("form with too many fields"))) {
                return new StatusException(413, FORM_TOO_LARGE);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return new StatusException(http.getCode(), HttpStatus.getMessage(http.getCode()));
            }
        }
        return null;
    }
}
