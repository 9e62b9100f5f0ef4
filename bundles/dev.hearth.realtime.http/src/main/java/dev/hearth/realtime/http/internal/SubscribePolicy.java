package dev.hearth.realtime.http.internal;

import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import java.util.Set;

/**
 * Whether a token may listen to a target: GET on the whole doctype, or on the document when the
 * target names one. A few synthetic doctypes are special, as in Cozy: two need no permission, two
 * are covered by {@code io.cozy.files}, and the passphrase settings document by the instance
 * settings document.
 */
final class SubscribePolicy {
    /** Doctypes anyone authenticated may listen to. */
    static final Set<String> OPEN = Set.of("io.cozy.sharings.initial_sync", "io.cozy.auth.confirmations");
    /** Synthetic doctypes whose events are about files. */
    static final Set<String> ABOUT_FILES = Set.of("io.cozy.files.thumbnails", "io.cozy.notes.events");

    static final String PASSPHRASE_SETTINGS = "io.cozy.settings.passphrase";
    static final String INSTANCE_SETTINGS = "io.cozy.settings.instance";

    private SubscribePolicy() {}

    static boolean allows(PermissionSet permissions, Target target) {
        if (OPEN.contains(target.type())) {
            return true;
        }
        String type = ABOUT_FILES.contains(target.type()) ? Doctypes.FILES : target.type();
        String id = Doctypes.SETTINGS.equals(type) && PASSPHRASE_SETTINGS.equals(target.id())
                ? INSTANCE_SETTINGS
                : target.id();
        return permissions.allowsWholeType(Verb.GET, type) || (id != null && permissions.allowsId(Verb.GET, type, id));
    }
}
