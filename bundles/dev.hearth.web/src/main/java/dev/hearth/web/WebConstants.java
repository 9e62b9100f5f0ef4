package dev.hearth.web;

/**
 * Names shared by Hearth's HTTP components: the two endpoints, the three servlet contexts area
 * bundles register in, request attributes and filter order.
 */
public final class WebConstants {
    /** Whiteboard target of the public endpoint (instances and apps). */
    public static final String PUBLIC_TARGET = "(org.apache.felix.http.name=public)";
    /** Whiteboard target of the admin endpoint (admin API, console). */
    public static final String ADMIN_TARGET = "(org.apache.felix.http.name=admin)";

    /** The servlet context of requests to an instance's own host, and of server-wide routes. */
    public static final String INSTANCE_CONTEXT = "hearth.instance";
    /** The servlet context of requests to an app's host ({@code drive.alice.example}). */
    public static final String APP_CONTEXT = "hearth.app";
    /** The servlet context of the admin endpoint's API. */
    public static final String ADMIN_CONTEXT = "hearth.admin";

    /** Whiteboard selection of {@link #INSTANCE_CONTEXT}. */
    public static final String INSTANCE_SELECT = "(osgi.http.whiteboard.context.name=" + INSTANCE_CONTEXT + ")";
    /** Whiteboard selection of {@link #APP_CONTEXT}. */
    public static final String APP_SELECT = "(osgi.http.whiteboard.context.name=" + APP_CONTEXT + ")";
    /** Whiteboard selection of {@link #ADMIN_CONTEXT}. */
    public static final String ADMIN_SELECT = "(osgi.http.whiteboard.context.name=" + ADMIN_CONTEXT + ")";

    /** Request attribute holding the {@link RequestContext}. */
    public static final String CONTEXT_ATTRIBUTE = "dev.hearth.web.context";
    /** MDC key of the instance domain in log lines. */
    public static final String MDC_DOMAIN = "domain";

    /** Filter ranking inside a context: CORS (preflights answered before authentication), then auth. */
    public static final int RANK_CORS = 1500;

    public static final int RANK_AUTH = 1000;

    private WebConstants() {}
}
