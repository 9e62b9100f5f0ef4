package dev.hearth.apps.internal;

import dev.hearth.apps.AppType;
import dev.hearth.apps.FailedAppDTO;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Version;

/**
 * Which bundle holds each slug, per type of app: one app per slug is deployed, the others wait.
 *
 * <p>The first bundle to claim a slug holds it. A later bundle with the same symbolic name and a
 * higher {@code Bundle-Version} takes it over, and the one it replaces waits: installing version 2
 * beside version 1 switches to version 2, and uninstalling version 2 goes back to version 1. Any
 * other claim waits. When the holder goes, the highest waiting version of its symbolic name takes
 * its place, or else the first bundle that started waiting (in its highest waiting version).
 *
 * <p>Not thread-safe: the extender calls it under its lock.
 */
final class SlugClaims {

    /** One bundle's claim on the slug of its manifest. */
    record Claim(long bundleId, String symbolicName, Version version, AppType type, String slug) {
        private Key key() {
            return new Key(type, slug);
        }

        /** Whether this claim replaces {@code other}: the same bundle, in a higher version. */
        boolean supersedes(Claim other) {
            return symbolicName.equals(other.symbolicName) && version.compareTo(other.version) > 0;
        }
    }

    /** What became of a claim. */
    sealed interface Outcome permits Granted, Refused {}

    /** The claim holds the slug; it replaced {@code superseded}, which now waits. */
    record Granted(Optional<Claim> superseded) implements Outcome {}

    /**
     * The claim waits while {@code holder} holds the slug.
     *
     * @param reason {@link FailedAppDTO#SUPERSEDED} when the holder is the same bundle in a version
     *     at least as high, else {@link FailedAppDTO#DUPLICATE_SLUG}
     */
    record Refused(String reason, Claim holder) implements Outcome {}

    private record Key(AppType type, String slug) {}

    private final Map<Key, Claim> holders = new HashMap<>();
    /** The waiting claims of each slug, in the order they came. */
    private final Map<Key, List<Claim>> waiting = new HashMap<>();

    /** Records the claim and says whether it holds the slug. */
    Outcome claim(Claim claim) {
        Key key = claim.key();
        Claim holder = holders.get(key);
        if (holder == null) {
            holders.put(key, claim);
            return new Granted(Optional.empty());
        }
        if (claim.supersedes(holder)) {
            holders.put(key, claim);
            queue(key).add(holder);
            return new Granted(Optional.of(holder));
        }
        queue(key).add(claim);
        return refusal(claim, holder);
    }

    /**
     * Forgets the bundle's claim.
     *
     * @return the claim that holds the slug now, when the bundle held it and another was waiting
     */
    Optional<Claim> release(long bundleId) {
        waiting.values().forEach(queue -> queue.removeIf(c -> c.bundleId() == bundleId));
        waiting.values().removeIf(List::isEmpty);
        Optional<Claim> leaving =
                holders.values().stream().filter(c -> c.bundleId() == bundleId).findFirst();
        if (leaving.isEmpty()) {
            return Optional.empty();
        }
        Key key = leaving.get().key();
        holders.remove(key);
        List<Claim> queue = waiting.getOrDefault(key, List.of());
        Optional<Claim> next = successor(queue, leaving.get());
        next.ifPresent(claim -> {
            queue.remove(claim);
            holders.put(key, claim);
        });
        waiting.values().removeIf(List::isEmpty);
        return next;
    }

    /** Why each waiting claim on the slug waits, by bundle id, in the order they came. */
    Map<Long, Refused> waitingFor(AppType type, String slug) {
        Key key = new Key(type, slug);
        Claim holder = holders.get(key);
        Map<Long, Refused> refusals = new LinkedHashMap<>();
        if (holder != null) {
            waiting.getOrDefault(key, List.of()).forEach(c -> refusals.put(c.bundleId(), refusal(c, holder)));
        }
        return refusals;
    }

    private static Refused refusal(Claim claim, Claim holder) {
        boolean sameBundle = claim.symbolicName().equals(holder.symbolicName());
        return new Refused(sameBundle ? FailedAppDTO.SUPERSEDED : FailedAppDTO.DUPLICATE_SLUG, holder);
    }

    private static Optional<Claim> successor(List<Claim> queue, Claim leaving) {
        if (queue.isEmpty()) {
            return Optional.empty();
        }
        boolean sameNameWaits = queue.stream().anyMatch(c -> c.symbolicName().equals(leaving.symbolicName()));
        String name = sameNameWaits ? leaving.symbolicName() : queue.get(0).symbolicName();
        return queue.stream().filter(c -> c.symbolicName().equals(name)).max(Comparator.comparing(Claim::version));
    }

    private List<Claim> queue(Key key) {
        return waiting.computeIfAbsent(key, k -> new ArrayList<>());
    }
}
