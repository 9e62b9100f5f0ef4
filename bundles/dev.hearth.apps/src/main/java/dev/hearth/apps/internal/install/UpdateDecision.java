package dev.hearth.apps.internal.install;

import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What an update of an installed app does, as cozy-stack decides it ({@code registry-apps.md} 4.2
 * step 5): the user must see and accept any change of what an app may do, so a version that asks
 * for other permissions is only announced ({@code available_version}) until the caller says the
 * user acknowledged them.
 */
enum UpdateDecision {
    /** The source gives the installed version, from the same archive: nothing to do. */
    UNCHANGED,
    /** The new version asks for other permissions, not acknowledged: it is only announced. */
    AWAIT_PERMISSIONS,
    /** The instance moves to the new version, with the permissions it asks for. */
    UPDATE;

    /**
     * One side of an update.
     *
     * @param version the app's version
     * @param checksum the SHA-256 of its archive (empty when unknown)
     * @param permissions what it may do: the instance's grant for the installed side, the
     *     manifest's permissions for the offered one
     */
    record Side(String version, String checksum, PermissionSet permissions) {}

    static UpdateDecision decide(Side installed, Side offered, boolean permissionsAcked) {
        if (installed.version().equals(offered.version())
                && !installed.checksum().isEmpty()
                && installed.checksum().equals(offered.checksum())) {
            return UNCHANGED;
        }
        if (!permissionsAcked && !sameRules(installed.permissions(), offered.permissions())) {
            return AWAIT_PERMISSIONS;
        }
        return UPDATE;
    }

    /**
     * Whether two sets allow the same things, rule for rule: titles and descriptions aside, as
     * cozy-stack's {@code HasSameRules} compares them. The order of rules and of values does not
     * matter.
     */
    static boolean sameRules(PermissionSet a, PermissionSet b) {
        return a.rules().size() == b.rules().size() && covers(a.rules(), b.rules()) && covers(b.rules(), a.rules());
    }

    private static boolean covers(List<Rule> these, List<Rule> others) {
        return these.stream().allMatch(rule -> others.stream().anyMatch(other -> same(rule, other)));
    }

    private static boolean same(Rule a, Rule b) {
        return a.type().equals(b.type())
                && a.verbs().equals(b.verbs())
                && new HashSet<>(a.values()).equals(new HashSet<>(b.values()))
                && Objects.equals(a.selector(), b.selector());
    }
}
