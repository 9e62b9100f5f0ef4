package dev.hearth.web;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Routes that one bundle lends to another bundle's HTTP area, for the few paths where the Cozy API
 * puts one domain under another's prefix (the files a document references are served under
 * {@code /data/:doctype/:id/relationships/references}). A service with the property {@link #AREA}
 * naming the area; an area that accepts contributions serves them before its own routes, each
 * answering its errors in its own table's style.
 */
@ConsumerType
public interface ContributedRoutes {
    /** The service property naming the area that serves the routes ({@code data} for {@code /data}). */
    String AREA = "hearth.routes.area";

    Routes routes();
}
