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
import java.util.function.Predicate;
import org.osgi.framework.Version;

/**
 * Which bundles deploy each slug, per type of app. A slug belongs to one app, the bundles of one
 * symbolic name, and <em>every version</em> of that app is deployed at once, one bundle per
 * manifest version: each instance's document names the version it uses, and an update installs
 * the new version beside the old one, which keeps serving the instances not yet moved.
 *
 * <p>The first bundle to claim a slug gives it to its symbolic name. A bundle of another symbolic
 * name waits ({@link FailedAppDTO#DUPLICATE_SLUG}). Two bundles of the app with the same manifest
 * version cannot both be deployed (which would serve an instance?): the higher {@code
 * Bundle-Version} is, the other waits ({@link FailedAppDTO#SUPERSEDED}) and comes back if it goes.
 * When the app's last deployed bundle goes, the symbolic name that has waited longest takes the
 * slug, with all its waiting versions.
 *
 * <p>Not thread-safe: the extender calls it under its lock.
 */
final class SlugClaims {

    /**
     * One bundle's claim on the slug of its manifest.
     *
     * @param version the bundle's version
     * @param appVersion the manifest's {@code version}, which instances' documents name
     */
    record Claim(long bundleId, String symbolicName, Version version, String appVersion, AppType type, String slug) {
        private Key key() {
            return new Key(type, slug);
        }

        private boolean sameAppVersion(Claim other) {
            return symbolicName.equals(other.symbolicName) && appVersion.equals(other.appVersion);
        }
    }

    /** What became of a claim. */
    sealed interface Outcome permits Granted, Refused {}

    /**
     * The claim is deployed; it replaced {@code superseded} (the same app version in a lower bundle
     * version), which now waits.
     */
    record Granted(Optional<Claim> superseded) implements Outcome {}

    /**
     * The claim waits while {@code holder} is deployed.
     *
     * @param reason {@link FailedAppDTO#SUPERSEDED} when the holder is the same app version in a
     *     bundle version at least as high, else {@link FailedAppDTO#DUPLICATE_SLUG}
     */
    record Refused(String reason, Claim holder) implements Outcome {}

    private record Key(AppType type, String slug) {}

    /** The deployed claims of each slug, all of one symbolic name, one per app version. */
    private final Map<Key, List<Claim>> deployed = new HashMap<>();
    /** The waiting claims of each slug, in the order they came. */
    private final Map<Key, List<Claim>> waiting = new HashMap<>();

    /** Records the claim and says whether it is deployed. */
    Outcome claim(Claim claim) {
        Key key = claim.key();
        List<Claim> holders = deployed.computeIfAbsent(key, k -> new ArrayList<>());
        if (!holders.isEmpty() && !holders.get(0).symbolicName().equals(claim.symbolicName())) {
            queue(key).add(claim);
            return new Refused(FailedAppDTO.DUPLICATE_SLUG, holders.get(0));
        }
        Optional<Claim> same = holders.stream().filter(claim::sameAppVersion).findFirst();
        if (same.isEmpty()) {
            holders.add(claim);
            return new Granted(Optional.empty());
        }
        if (claim.version().compareTo(same.get().version()) > 0) {
            holders.set(holders.indexOf(same.get()), claim);
            queue(key).add(same.get());
            return new Granted(same);
        }
        queue(key).add(claim);
        return new Refused(FailedAppDTO.SUPERSEDED, same.get());
    }

    /**
     * Forgets the bundle's claim.
     *
     * @return the claims deployed in its place: a lower bundle version of the same app version, or
     *     when the app has no bundle left, every version of the app that waited longest
     */
    List<Claim> release(long bundleId) {
        waiting.values().forEach(queue -> queue.removeIf(c -> c.bundleId() == bundleId));
        Optional<Claim> leaving = deployed.values().stream()
                .flatMap(List::stream)
                .filter(c -> c.bundleId() == bundleId)
                .findFirst();
        List<Claim> promoted = new ArrayList<>();
        leaving.ifPresent(claim -> {
            Key key = claim.key();
            List<Claim> holders = deployed.get(key);
            holders.remove(claim);
            List<Claim> queue = waiting.getOrDefault(key, new ArrayList<>());
            highest(queue, claim::sameAppVersion).ifPresent(promoted::add);
            if (promoted.isEmpty() && holders.isEmpty() && !queue.isEmpty()) {
                promoted.addAll(everyVersionOf(queue, queue.get(0).symbolicName()));
            }
            queue.removeAll(promoted);
            holders.addAll(promoted);
        });
        deployed.values().removeIf(List::isEmpty);
        waiting.values().removeIf(List::isEmpty);
        return promoted;
    }

    /** Why each waiting claim on the slug waits, by bundle id, in the order they came. */
    Map<Long, Refused> waitingFor(AppType type, String slug) {
        Key key = new Key(type, slug);
        List<Claim> holders = deployed.getOrDefault(key, List.of());
        Map<Long, Refused> refusals = new LinkedHashMap<>();
        if (holders.isEmpty()) {
            return refusals;
        }
        for (Claim c : waiting.getOrDefault(key, List.of())) {
            holders.stream()
                    .filter(c::sameAppVersion)
                    .findFirst()
                    .ifPresentOrElse(
                            holder -> refusals.put(c.bundleId(), new Refused(FailedAppDTO.SUPERSEDED, holder)),
                            () -> refusals.put(c.bundleId(), new Refused(FailedAppDTO.DUPLICATE_SLUG, holders.get(0))));
        }
        return refusals;
    }

    /** The highest bundle version of each app version of {@code name} in the queue. */
    private static List<Claim> everyVersionOf(List<Claim> queue, String name) {
        Map<String, Claim> best = new LinkedHashMap<>();
        for (Claim c : queue) {
            if (c.symbolicName().equals(name)) {
                best.merge(c.appVersion(), c, (a, b) -> a.version().compareTo(b.version()) >= 0 ? a : b);
            }
        }
        return new ArrayList<>(best.values());
    }

    private static Optional<Claim> highest(List<Claim> queue, Predicate<Claim> filter) {
        return queue.stream().filter(filter).max(Comparator.comparing(Claim::version));
    }

    private List<Claim> queue(Key key) {
        return waiting.computeIfAbsent(key, k -> new ArrayList<>());
    }
}
