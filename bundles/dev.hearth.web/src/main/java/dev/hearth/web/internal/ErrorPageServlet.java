package dev.hearth.web.internal;

import dev.hearth.common.error.StatusException;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpErrors;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;

/**
 * Renders the errors raised outside Hearth's routes (an exception escaping a servlet, a status
 * set by the container) in the JSON format, so no response carries a stack trace or an HTML page
 * from the container. It serves every servlet context of both endpoints.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=*)")
@HttpWhiteboardServletErrorPage(errorPage = {"4xx", "5xx", "java.lang.Throwable"})
public final class ErrorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object exception = req.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int status = code instanceof Integer i ? i : 500;
        if (exception instanceof Throwable t && !(t instanceof StatusException)) {
            HttpErrors.write(req, resp, t, ErrorStyle.PLAIN);
            return;
        }
        Object message = req.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String text =
                status >= 500 || message == null || message.toString().isBlank() ? reason(status) : message.toString();
        HttpErrors.write(req, resp, new StatusException(status, text), ErrorStyle.PLAIN);
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Request Entity Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            default -> status >= 500 ? "Internal Server Error" : "Error " + status;
        };
    }
}
