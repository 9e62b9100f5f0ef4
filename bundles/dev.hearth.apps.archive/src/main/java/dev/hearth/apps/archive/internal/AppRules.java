package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.INVALID_MANIFEST;
import static dev.hearth.apps.archive.ArchiveException.Reason.INVALID_SLUG;
import static dev.hearth.apps.archive.ArchiveException.Reason.SLUG_MISMATCH;
import static dev.hearth.apps.archive.ArchiveException.Reason.TYPE_MISMATCH;

import dev.hearth.apps.archive.AppBundle;
import dev.hearth.apps.archive.AppType;
import dev.hearth.apps.archive.ArchiveException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The few manifest checks the conversion owns, because the bundle's identity depends on them:
 * the slug (Cozy's {@code ^[a-z0-9-]+$}, and at most a DNS label long, since apps are served on
 * {@code <slug>.<instance>} or {@code <instance>-<slug>} host names), the type, and a version to
 * derive {@code Bundle-Version} from. Unlike Cozy, which overwrites the manifest's slug with the
 * install slug, a different slug is refused: the manifest is stored as is in the bundle.
 */
final class AppRules {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");
    private static final int MAX_SLUG_LENGTH = 63;
    private static final int MAX_VERSION_LENGTH = 128;

    private AppRules() {}

    /** Refuses a slug that could not name an app. */
    static void checkSlug(String slug) throws ArchiveException {
        if (slug.length() > MAX_SLUG_LENGTH || !SLUG.matcher(slug).matches()) {
            throw new ArchiveException(
                    INVALID_SLUG,
                    "The slug " + EntryNames.quote(slug) + " does not match ^[a-z0-9-]+$ or is longer than "
                            + MAX_SLUG_LENGTH);
        }
    }

    /** What the jar will be, once the manifest agrees with the archive and the caller. */
    static AppBundle bundle(
            AppType type, AppManifest manifest, @Nullable String asked, String sha256, Collector collector)
            throws ArchiveException {
        if (manifest.type() != null && !manifest.type().equals(type.id())) {
            throw new ArchiveException(
                    TYPE_MISMATCH,
                    "The " + type.manifestName() + " says its type is " + EntryNames.quote(manifest.type()));
        }
        String slug = slug(manifest.slug(), asked);
        String version = version(manifest.version());
        return new AppBundle(
                slug, type, version, BundleVersions.of(version), sha256, collector.entries(), collector.fileBytes());
    }

    private static String slug(@Nullable String declared, @Nullable String asked) throws ArchiveException {
        if (asked != null && declared != null && !asked.equals(declared)) {
            throw new ArchiveException(
                    SLUG_MISMATCH,
                    "The manifest's slug " + EntryNames.quote(declared) + " is not " + EntryNames.quote(asked));
        }
        String slug = asked != null ? asked : declared;
        if (slug == null) {
            throw new ArchiveException(INVALID_SLUG, "No slug was given and the manifest has none");
        }
        checkSlug(slug);
        return slug;
    }

    private static String version(@Nullable String version) throws ArchiveException {
        if (version == null || version.isBlank()) {
            throw new ArchiveException(INVALID_MANIFEST, "The manifest has no version");
        }
        if (version.length() > MAX_VERSION_LENGTH || version.chars().anyMatch(Character::isISOControl)) {
            throw new ArchiveException(
                    INVALID_MANIFEST,
                    "The manifest's version " + EntryNames.quote(version) + " has control characters or more than "
                            + MAX_VERSION_LENGTH + " characters");
        }
        return version;
    }
}
