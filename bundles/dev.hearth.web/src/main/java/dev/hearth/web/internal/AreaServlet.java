package dev.hearth.web.internal;

import dev.hearth.web.Routes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whiteboard servlet of one servlet pattern: the routes of the {@link dev.hearth.web.HttpArea}s
 * that serve it (usually one; {@code /konnectors/*} has the apps area and the konnectors area). A
 * request goes to the first area that has its path, else to the first area, which answers 404 or
 * 405 in its own style.
 */
final class AreaServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient List<Routes> areas = new CopyOnWriteArrayList<>();

    AreaServlet(Routes routes) {
        areas.add(routes);
    }

    void add(Routes routes) {
        areas.add(routes);
    }

    /** Removes an area's routes; true when none is left. */
    boolean remove(Routes routes) {
        areas.removeIf(r -> r == routes);
        return areas.isEmpty();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<Routes> current = List.copyOf(areas);
        if (current.isEmpty()) {
            resp.sendError(404);
            return;
        }
        for (Routes routes : current) {
            if (routes.hasPath(req)) {
                routes.serve(req, resp);
                return;
            }
        }
        current.get(0).serve(req, resp);
    }
}
