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
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * The servlet context of app hosts. The host preprocessor dispatches their requests under {@value
 * HostPreprocessor#APP_PATH}; a request that names that path itself on another host is refused.
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = WebConstants.APP_CONTEXT, path = HostPreprocessor.APP_PATH)
@HttpWhiteboardTarget(WebConstants.PUBLIC_TARGET)
public final class AppContext extends ServletContextHelper {

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (RequestContext.of(request) instanceof RequestContextImpl context && context.isApp()) {
            return true;
        }
        HttpErrors.write(request, response, StatusException.notFound("Not Found"), ErrorStyle.PLAIN);
        return false;
    }
}
