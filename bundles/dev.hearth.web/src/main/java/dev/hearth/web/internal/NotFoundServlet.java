package dev.hearth.web.internal;

import dev.hearth.common.error.StatusException;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpErrors;
import dev.hearth.web.WebConstants;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * The default servlet of the admin context: any path no area owns is a JSON 404 (behind the admin
 * passphrase, like everything there), never an empty body.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
@HttpWhiteboardContextSelect(WebConstants.ADMIN_SELECT)
@HttpWhiteboardTarget(WebConstants.ADMIN_TARGET)
public final class NotFoundServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpErrors.write(req, resp, StatusException.notFound("Not Found"), ErrorStyle.PLAIN);
    }
}
