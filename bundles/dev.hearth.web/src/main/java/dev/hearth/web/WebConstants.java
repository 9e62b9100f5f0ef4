package dev.hearth.web;

/** Names shared by Hearth's HTTP components: endpoint targets and request attributes. */
public final class WebConstants {
    /** Whiteboard target of the public endpoint (instances and apps). */
    public static final String PUBLIC_TARGET = "(org.apache.felix.http.name=public)";
    /** Whiteboard target of the admin endpoint (admin API, console). */
    public static final String ADMIN_TARGET = "(org.apache.felix.http.name=admin)";
    /** Request attribute holding the {@link RequestContext}. */
    public static final String CONTEXT_ATTRIBUTE = "dev.hearth.web.context";
    /** MDC key of the instance domain in log lines. */
    public static final String MDC_DOMAIN = "domain";

    /** Filter ranking: outermost first (request log, then host, then CORS, then auth). */
    public static final int RANK_REQUEST_LOG = 3000;
    public static final int RANK_HOST = 2000;
    public static final int RANK_CORS = 1500;
    public static final int RANK_AUTH = 1000;

    private WebConstants() {}
}
