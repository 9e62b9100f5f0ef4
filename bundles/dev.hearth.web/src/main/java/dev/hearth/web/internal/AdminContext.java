package dev.hearth.web.internal;

import dev.hearth.web.WebConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * The servlet context of the admin API. The admin passphrase guards every context of the admin
 * endpoint (this one and the Web Console's) in one filter, {@link AdminAuthFilter}.
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = WebConstants.ADMIN_CONTEXT, path = "/")
@HttpWhiteboardTarget(WebConstants.ADMIN_TARGET)
@ServiceRanking(100)
public final class AdminContext extends ServletContextHelper {}
