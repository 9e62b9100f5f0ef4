package dev.hearth.realtime.http.internal;

import org.jspecify.annotations.Nullable;

/**
 * What a SUBSCRIBE or UNSUBSCRIBE names: a whole doctype, or one document of it.
 *
 * @param type the doctype
 * @param id the document id, or null for the whole doctype
 */
record Target(String type, @Nullable String id) {

    boolean isWholeType() {
        return id == null;
    }
}
