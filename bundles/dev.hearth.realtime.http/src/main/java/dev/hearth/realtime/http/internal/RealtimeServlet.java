package dev.hearth.realtime.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.AuthContext;
import dev.hearth.auth.Authenticator;
import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.StatusException;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.RealtimeHub;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.RequestContext;
import dev.hearth.web.Routes;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /realtime}: the {@code io.cozy.websocket} protocol on {@code GET /realtime/} (websocket
 * upgrade), and {@code POST /realtime/:doctype/:id}, which broadcasts a NOTIFIED event without
 * storing anything.
 */
@Component(service = Servlet.class, configurationPid = RealtimeConfig.PID)
@Designate(ocd = RealtimeConfig.class)
@HttpWhiteboardServletPattern("/realtime/*")
@OnInstanceHosts
public final class RealtimeServlet extends JettyWebSocketServlet {
    private static final long serialVersionUID = 1L;
    static final String PROTOCOL = "io.cozy.websocket";
    /** Largest client message, in bytes; a larger one closes the connection with 1009. */
    static final int MAX_MESSAGE = 1024;

    private final transient RealtimeHub hub;
    private final transient Connections connections = new Connections(Heartbeat.COZY);
    private final transient SocketServices services;
    private final int maxUnauthenticated;
    private final transient Routes routes = new Routes(ErrorStyle.PLAIN)
            .get("/realtime", RealtimeServlet::notAnUpgrade)
            .post("/realtime/:doctype/:id", this::broadcast);

    /** The client's address as the routes see it, kept for the creator of the socket. */
    private static final String CLIENT_ADDRESS = "dev.hearth.realtime.clientAddress";

    @Activate
    public RealtimeServlet(@Reference Authenticator authenticator, @Reference RealtimeHub hub, RealtimeConfig config) {
        this.hub = hub;
        this.services = new SocketServices(
                authenticator,
                hub,
                new Frames(),
                connections,
                config.maxQueuedFrames(),
                config.maxQueuedBytes(),
                Duration.ofSeconds(Math.max(1, config.authSeconds())));
        this.maxUnauthenticated = Math.max(1, config.maxUnauthenticatedPerAddress());
    }

    @Deactivate
    void deactivate() {
        connections.shutdown();
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        // Jetty's idle timeout cuts a connection whose writes are stuck; the heartbeat handles silence.
        factory.setIdleTimeout(Heartbeat.COZY.readDeadline());
        factory.setMaxTextMessageSize(MAX_MESSAGE);
        factory.setMaxBinaryMessageSize(MAX_MESSAGE);
        factory.setCreator(this::create);
    }

    /** Upgrade requests go to Jetty; anything else, and an upgrade Jetty declines, to the routes. */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if ("GET".equals(req.getMethod()) && req.getHeader("Upgrade") != null) {
            // Jetty hands the creator its own request, not the one a trusted proxy's forwarding rewrote.
            req.setAttribute(CLIENT_ADDRESS, req.getRemoteAddr());
            super.service(req, resp);
        } else {
            routes.serve(req, resp);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        routes.serve(req, resp);
    }

    private Object create(JettyServerUpgradeRequest req, JettyServerUpgradeResponse resp) throws IOException {
        RequestContext context = RequestContext.of(req.getHttpServletRequest());
        if (context == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, "Instance not found");
            return null;
        }
        if (!req.getSubProtocols().contains(PROTOCOL)) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "The websocket subprotocol must be " + PROTOCOL);
            return null;
        }
        Object forwarded = req.getHttpServletRequest().getAttribute(CLIENT_ADDRESS);
        String address =
                forwarded instanceof String a ? a : req.getHttpServletRequest().getRemoteAddr();
        if (!connections.admit(address, maxUnauthenticated)) {
            resp.sendError(429, "Too many connections waiting to authenticate");
            return null;
        }
        resp.setAcceptedSubProtocol(PROTOCOL);
        RealtimeSocket socket =
                new RealtimeSocket(context.domain(), address, services, cookies(req.getHttpServletRequest()));
        connections.later(services.authDeadline().plus(RealtimeSocket.CLOSE_GRACE), socket::settleUnopened);
        return socket;
    }

    /** The cookies of the upgrade request, kept for the socket's AUTH (share link passwords). */
    private static Map<String, String> cookies(HttpServletRequest req) {
        Map<String, String> cookies = new HashMap<>();
        if (req.getCookies() != null) {
            for (Cookie c : req.getCookies()) {
                cookies.putIfAbsent(c.getName(), c.getValue());
            }
        }
        return cookies;
    }

    private static void notAnUpgrade(Call call) {
        throw StatusException.badRequest("The client is not using the websocket protocol");
    }

    /** {@code POST /realtime/:doctype/:id}: the body, as the document of a NOTIFIED event. */
    private void broadcast(Call call) throws IOException {
        String doctype = call.param("doctype");
        String id = call.param("id");
        try {
            Doctypes.checkReadable(doctype);
        } catch (StatusException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ObjectNode doc = call.jsonBody();
        AuthContext caller = call.context().auth();
        if (!caller.permissions().allowsId(Verb.POST, doctype, id)) {
            throw StatusException.forbidden("Forbidden");
        }
        doc.put("_id", id);
        hub.publish(new Event(call.context().domain(), Event.Verb.NOTIFIED, doctype, id, doc));
        call.noContent();
    }
}
