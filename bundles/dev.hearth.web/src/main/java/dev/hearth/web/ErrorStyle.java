package dev.hearth.web;

/** How an HTTP area renders errors, per the three formats of the Cozy API. */
public enum ErrorStyle {
    /** JSON:API routes: {@code {"errors":[{status,title,detail,source}]}} for API errors. */
    JSON_API,
    /** Plain routes: {@code {"error":"message"}}, or HTML or text depending on {@code Accept}. */
    PLAIN,
    /** The CouchDB-like {@code /data} routes: CouchDB error bodies. */
    COUCH
}
