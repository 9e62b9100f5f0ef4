package dev.hearth.web.internal;

import dev.hearth.common.error.StatusException;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpErrors;
import dev.hearth.web.RequestContext;
import dev.hearth.web.WebConstants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * The servlet context of instance hosts (and of server-wide routes on any host). An app host's
 * request lands here only when no servlet of the app context took it: it is then refused, so that
 * nothing of the instance API ever answers on an app's origin.
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = WebConstants.INSTANCE_CONTEXT, path = "/")
@HttpWhiteboardTarget(WebConstants.PUBLIC_TARGET)
@ServiceRanking(100)
public final class InstanceContext extends ServletContextHelper {
    static final String NO_APP = "Application is not installed";

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (RequestContext.of(request) instanceof RequestContextImpl context && context.isApp()) {
            HttpErrors.write(request, response, StatusException.notFound(NO_APP), ErrorStyle.PLAIN);
            return false;
        }
        return true;
    }
}
