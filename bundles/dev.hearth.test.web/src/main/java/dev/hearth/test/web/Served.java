package dev.hearth.test.web;

import dev.hearth.web.HttpArea;
import dev.hearth.web.RequestContext;
import dev.hearth.web.Routes;
import dev.hearth.web.WebConstants;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An area's routes answering requests in a test, as the web bundle dispatches them but without
 * Felix or sockets: the request carries the given context, errors become responses in the area's
 * format.
 */
public final class Served {
    private final Routes routes;

    private Served(Routes routes) {
        this.routes = routes;
    }

    public static Served by(HttpArea area) {
        return new Served(area.routes());
    }

    public static Served by(Routes routes) {
        return new Served(routes);
    }

    /** Serves {@code request} for {@code context} and gives the answer. */
    public Reply call(FakeRequest request, RequestContext context) {
        HttpServletRequest req =
                request.attribute(WebConstants.CONTEXT_ATTRIBUTE, context).build();
        Reply reply = new Reply();
        try {
            routes.serve(req, reply.response());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reply;
    }
}
