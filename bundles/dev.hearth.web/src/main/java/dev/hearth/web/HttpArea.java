package dev.hearth.web;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An HTTP area: a route table that {@code dev.hearth.web} serves for the bundle that registers
 * it. The routes are written once, in {@link #routes()}; the web bundle derives the whiteboard
 * servlet patterns from them, registers one servlet for the area in the servlet context its
 * properties select ({@link OnInstanceHosts} unless it carries {@link OnAppHosts} or {@link
 * OnAdminEndpoint}), and removes it when the area's service goes away. Updating or stopping the
 * area's bundle touches no other area.
 *
 * <p>Patterns: each route is served under its literal start ({@code /settings/clients/:id} under
 * {@code /settings/clients/*}, {@code /data/:doctype/_find} under {@code /data/*}); the route
 * {@code /} makes the area the context's default servlet, which also gets the paths no area
 * claims. Two areas may share a prefix when their literal starts differ ({@code /instances/*} and
 * {@code /instances/token/*}): the whiteboard gives each path to the longest match.
 */
@ConsumerType
public interface HttpArea {

    /** The routes of the area, asked once when the area is registered. */
    Routes routes();
}
