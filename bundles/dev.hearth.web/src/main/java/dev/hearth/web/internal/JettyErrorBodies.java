package dev.hearth.web.internal;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.osgi.service.component.annotations.Component;

/**
 * Installs {@link JsonErrorHandler} on every Jetty server of the HTTP bundle (both endpoints, and
 * again after each restart of one). Felix offers no hook for the error handler; the only service
 * it hands its {@link Server} to is a {@link ConnectorFactory}, so this is one, whose connector
 * never opens a socket: it swaps the handler in, leaves the server's connectors as they were, and
 * puts the previous handler back when it stops with its server or with this bundle.
 */
@Component(service = ConnectorFactory.class)
public final class JettyErrorBodies implements ConnectorFactory {

    @Override
    public Connector createConnector(Server server) {
        Request.Handler previous = server.getErrorHandler();
        server.setErrorHandler(new JsonErrorHandler());
        return new Inert(server, previous);
    }

    /** The connector Felix asks for: it opens nothing and removes itself once started. */
    private static final class Inert extends ServerConnector {
        private final Request.Handler previous;

        Inert(Server server, Request.Handler previous) {
            super(server, 0, 1);
            this.previous = previous;
            for (Connector c : server.getConnectors()) {
                if (c instanceof ServerConnector real) {
                    setHost(real.getHost());
                    setPort(real.getPort());
                    break;
                }
            }
        }

        @Override
        public void open() {
            // never binds
        }

        @Override
        protected void doStart() {
            getServer().removeConnector(this);
        }

        @Override
        protected void doStop() {
            if (getServer().getErrorHandler() instanceof JsonErrorHandler) {
                getServer().setErrorHandler(previous);
            }
        }
    }
}
