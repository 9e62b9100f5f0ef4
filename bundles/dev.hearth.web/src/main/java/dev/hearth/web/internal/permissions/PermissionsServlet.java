package dev.hearth.web.internal.permissions;

import dev.hearth.auth.AuthContext;
import dev.hearth.auth.Claims;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.common.jsonapi.Resource;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.Routes;
import dev.hearth.web.WebConstants;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * {@code /permissions}: for now {@code GET /permissions/self}, the permission document of the
 * caller's token.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/permissions", "/permissions/*"})
@HttpWhiteboardTarget(WebConstants.PUBLIC_TARGET)
public final class PermissionsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Routes routes = new Routes(ErrorStyle.JSON_API).get("/permissions/self", this::self);

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        routes.serve(req, resp);
    }

    private void self(Call call) throws IOException {
        AuthContext caller = call.context().auth();
        Claims claims = caller.claims();
        String kind = switch (claims.audience()) {
            case CLI -> "cli";
            case ACCESS -> "oauth";
            case APP -> "app";
            case KONNECTOR -> "konnector";
            default -> "share";
        };
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", kind);
        if (!claims.subject().isEmpty()) {
            attributes.put("source_id", claims.subject());
        }
        attributes.put("permissions", caller.permissions().toJson());
        String id = claims.subject().isEmpty() ? kind : claims.subject();
        call.jsonApi(200, Document.single(Resource.of(Doctypes.PERMISSIONS, id, attributes, "/permissions/self")));
    }
}
