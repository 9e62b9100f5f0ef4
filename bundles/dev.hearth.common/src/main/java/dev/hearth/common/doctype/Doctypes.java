package dev.hearth.common.doctype;

import dev.hearth.common.error.StatusException;
import java.util.Map;

/**
 * Doctype names: validation, the well-known doctypes, and the reserved ones that clients may not
 * write (or not even read) through the generic data API.
 *
 * <p>A doctype name is made of lowercase letters, digits, {@code .} and {@code _}; it neither
 * starts nor ends with a dot and has no two dots in a row. Official doctypes are {@code
 * io.cozy.<plural>}; third parties use a reversed domain ({@code com.example.things}).
 */
public final class Doctypes {
    public static final String FILES = "io.cozy.files";
    public static final String FILES_VERSIONS = "io.cozy.files.versions";
    public static final String APPS = "io.cozy.apps";
    public static final String KONNECTORS = "io.cozy.konnectors";
    public static final String JOBS = "io.cozy.jobs";
    public static final String TRIGGERS = "io.cozy.triggers";
    public static final String PERMISSIONS = "io.cozy.permissions";
    public static final String SETTINGS = "io.cozy.settings";
    public static final String SESSIONS = "io.cozy.sessions";
    public static final String OAUTH_CLIENTS = "io.cozy.oauth.clients";
    public static final String NOTIFICATIONS = "io.cozy.notifications";

    /** Reserved doctypes: {@code true} when clients may still read them, {@code false} when not. */
    private static final Map<String, Boolean> RESERVED = Map.ofEntries(
            Map.entry("io.cozy.instances", false),
            Map.entry("io.cozy.account_types", false),
            Map.entry("io.cozy.konnectors_maintenance", false),
            Map.entry("io.cozy.remote.secrets", false),
            Map.entry(SESSIONS, false),
            Map.entry(PERMISSIONS, false),
            Map.entry("io.cozy.intents", false),
            Map.entry(OAUTH_CLIENTS, false),
            Map.entry("io.cozy.oauth.access_codes", false),
            Map.entry("io.cozy.files.archives", false),
            Map.entry("io.cozy.sharings", false),
            Map.entry("io.cozy.shared", false),
            Map.entry("io.cozy.accounts.soft_deleted", false),
            Map.entry("io.cozy.certified.carbon_copy", false),
            Map.entry("io.cozy.certified.electronic_safe", false),
            Map.entry("io.cozy.files.sizes", false),
            Map.entry("io.cozy.triggers.state", false),
            Map.entry("io.cozy.sharings.answer", false),
            Map.entry("io.cozy.sharings.moved", false),
            Map.entry("io.cozy.support", false),
            Map.entry("io.cozy.bitwarden.profiles", false),
            Map.entry("io.cozy.files.office_url", false),
            Map.entry("io.cozy.notes.url", false),
            Map.entry("io.cozy.apps.open_parameters", false),
            Map.entry("io.cozy.auth.confirmations", false),
            Map.entry("io.cozy.jobs.events", false),
            Map.entry("io.cozy.sharings.initial_sync", false),
            Map.entry("io.cozy.notes.events", false),
            Map.entry("io.cozy.notes.telepointers", false),
            Map.entry("io.cozy.files.thumbnails", false),
            Map.entry("io.cozy.apps.logs", false),
            Map.entry(JOBS, true),
            Map.entry(TRIGGERS, true),
            Map.entry(APPS, true),
            Map.entry(KONNECTORS, true),
            Map.entry(FILES, true),
            Map.entry(FILES_VERSIONS, true),
            Map.entry(NOTIFICATIONS, true),
            Map.entry("io.cozy.remote.requests", true),
            Map.entry("io.cozy.sessions.logins", true),
            Map.entry("io.cozy.notes.steps", true),
            Map.entry("io.cozy.notes.images", true),
            Map.entry("io.cozy.bitwarden.contacts", true));

    private static final String WILDCARD_SUFFIX = ".*";

    private Doctypes() {}

    /** Whether {@code name} is a valid doctype name (no wildcard). */
    public static boolean isValid(String name) {
        if (name.isEmpty() || name.length() > 255 || name.charAt(0) == '.' || name.charAt(name.length() - 1) == '.') {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
            if (!ok || (c == '.' && previous == '.')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /**
     * Whether {@code pattern} is a valid doctype or a valid wildcard such as {@code
     * io.cozy.bank.*}. A wildcard needs at least three dots, so {@code io.cozy.*} is refused.
     */
    public static boolean isValidPattern(String pattern) {
        if (pattern.endsWith(WILDCARD_SUFFIX)) {
            long dots = pattern.chars().filter(c -> c == '.').count();
            return dots >= 3 && isValid(pattern.substring(0, pattern.length() - WILDCARD_SUFFIX.length()));
        }
        return isValid(pattern);
    }

    /** Whether {@code pattern} (a doctype or a wildcard) covers {@code doctype}. */
    public static boolean matches(String pattern, String doctype) {
        if (pattern.equals(doctype)) {
            return true;
        }
        if (!pattern.endsWith(WILDCARD_SUFFIX)) {
            return false;
        }
        String prefix = pattern.substring(0, pattern.length() - WILDCARD_SUFFIX.length());
        return doctype.equals(prefix) || doctype.startsWith(prefix + ".");
    }

    /** @throws StatusException 403 {@code <name> is not a valid doctype name} */
    public static void checkName(String name) {
        if (!isValid(name)) {
            throw StatusException.forbidden(name + " is not a valid doctype name");
        }
    }

    /** Whether clients may read the doctype through the generic data API. */
    public static boolean isReadable(String doctype) {
        return isValid(doctype) && !Boolean.FALSE.equals(RESERVED.get(doctype));
    }

    /** @throws StatusException 403 when the doctype is invalid or reserved and unreadable */
    public static void checkReadable(String doctype) {
        checkName(doctype);
        if (Boolean.FALSE.equals(RESERVED.get(doctype))) {
            throw StatusException.forbidden("reserved doctype " + doctype + " unreadable");
        }
    }

    /** @throws StatusException 403 when the doctype is invalid or reserved */
    public static void checkWritable(String doctype) {
        checkName(doctype);
        if (RESERVED.containsKey(doctype)) {
            throw StatusException.forbidden("reserved doctype " + doctype + " unwritable");
        }
    }
}
