package dev.hearth.web.internal;

import dev.hearth.web.Routes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * The whiteboard servlet of one servlet pattern: the routes of the {@link dev.hearth.web.HttpArea}s
 * that serve it (usually one; {@code /konnectors/*} has the apps area and the konnectors area). A
 * request goes to the first area that has its path, else to the first area, which answers 404 or
 * 405 in its own style.
 */
final class AreaServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** Replaced, never changed, when an area comes or goes: a request reads it without a copy. */
    private transient volatile Routes[] areas;

    AreaServlet(Routes routes) {
        areas = new Routes[] {routes};
    }

    synchronized void add(Routes routes) {
        Routes[] more = Arrays.copyOf(areas, areas.length + 1);
        more[areas.length] = routes;
        areas = more;
    }

    /** Removes an area's routes; true when none is left. */
    synchronized boolean remove(Routes routes) {
        areas = Arrays.stream(areas).filter(r -> r != routes).toArray(Routes[]::new);
        return areas.length == 0;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Routes[] current = areas;
        if (current.length == 0) {
            resp.sendError(404);
            return;
        }
        // One area (nearly every pattern) answers whether it has the path or not: asking it first
        // would match the path twice.
        if (current.length > 1) {
            for (Routes routes : current) {
                if (routes.hasPath(req)) {
                    routes.serve(req, resp);
                    return;
                }
            }
        }
        current[0].serve(req, resp);
    }
}
