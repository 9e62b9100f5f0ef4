package dev.hearth.auth.http.internal.permissions;

import dev.hearth.auth.Shares;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.jsonapi.Resource;
import java.util.LinkedHashMap;
import java.util.Map;

/** A share-by-link set as a JSON:API {@code io.cozy.permissions} resource. */
final class ShareJson {
    private ShareJson() {}

    /** @param withCodes false for a share token looking at its own set: it does not see the others' codes */
    static Resource resource(Shares.Share share, boolean withCodes) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", "share");
        attributes.put("source_id", share.sourceId());
        attributes.put("permissions", share.permissions().toJson());
        if (withCodes) {
            attributes.put("codes", share.codes());
            if (!share.shortcodes().isEmpty()) {
                attributes.put("shortcodes", share.shortcodes());
            }
        }
        if (share.expiresAt() != null) {
            attributes.put("expires_at", share.expiresAt().toString());
        }
        if (share.hasPassword()) {
            attributes.put("password", true);
        }
        attributes.put("created_at", share.createdAt().toString());
        return Resource.withRev(
                Doctypes.PERMISSIONS, share.id(), share.rev(), attributes, "/permissions/" + share.id());
    }
}
