package dev.hearth.web.internal;

import dev.hearth.web.Routes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The whiteboard servlet of one {@link dev.hearth.web.HttpArea}: its routes, nothing else. */
final class AreaServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Routes routes;

    AreaServlet(Routes routes) {
        this.routes = routes;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        routes.serve(req, resp);
    }
}
