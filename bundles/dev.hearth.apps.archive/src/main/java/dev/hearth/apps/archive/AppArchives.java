package dev.hearth.apps.archive;

import dev.hearth.apps.archive.internal.BundleVersions;
import dev.hearth.apps.archive.internal.Converter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Converts Cozy app archives into app bundles.
 *
 * <p>The archive's format is told by its first bytes (gzip {@code 1f 8b}, zip {@code PK\3\4}, else
 * a tar with the ustar magic), never by a file name or a content type, which Cozy's own installer
 * trusts to its cost. The archive is read once and never held in memory: files are staged in a
 * temporary file next to the jar, then written into the jar in sorted order with fixed times, so
 * that the same archive always gives the same bytes.
 *
 * <p>The jar holds the app's files at its root (a single top folder, Cozy's {@code tar_prefix},
 * stripped) and a manifest with these headers, and nothing that could run:
 *
 * <pre>
 * Bundle-ManifestVersion: 2
 * Bundle-SymbolicName: hearth.app.&lt;slug&gt;        (hearth.konnector.&lt;slug&gt; for konnectors)
 * Bundle-Version: &lt;see bundleVersion&gt;
 * Bundle-Name: &lt;the manifest's name, else the slug&gt;
 * Hearth-App: manifest.webapp                  (or manifest.konnector)
 * Hearth-App-Version: &lt;the manifest's version&gt;
 * Hearth-App-Sha256: &lt;hex SHA-256 of the input&gt;
 * Require-Capability: osgi.extender;filter:="(&amp;(osgi.extender=dev.hearth.apps)(version&gt;=1.0)(!(version&gt;=2.0)))"
 * </pre>
 */
public final class AppArchives {
    private AppArchives() {}

    /**
     * Reads an app archive and writes its bundle.
     *
     * <p>The jar is written to a temporary file in {@code jar}'s folder and moved into place
     * atomically (replacing a file already there) only once everything succeeded; on any failure
     * nothing is left behind. The input stream is read to its end but not closed.
     *
     * @param archive the archive's bytes
     * @param slug the slug the app is installed under, or {@code null} to take the manifest's
     * @param limits what the archive may cost
     * @param jar where the bundle goes; its folder must exist
     * @return what the jar holds
     * @throws ArchiveException when the archive is refused; its {@linkplain ArchiveException#reason()
     *     reason} says why
     * @throws IOException when reading the input or writing the jar failed
     */
    public static AppBundle convert(InputStream archive, @Nullable String slug, Limits limits, Path jar)
            throws IOException {
        return Converter.convert(archive, slug, limits, jar);
    }

    /**
     * The OSGi {@code Bundle-Version} for an app version, which may be anything a manifest says.
     *
     * <p>The rule: an optional leading {@code v} is dropped; up to three leading dot-separated
     * numbers become major, minor and micro (missing ones are 0); what follows, after one {@code
     * -}, {@code +} or {@code .}, becomes the qualifier, with every character outside {@code
     * [A-Za-z0-9_-]} turned into {@code _}. A version that does not start with a number that fits
     * an {@code int} is all qualifier: {@code 0.0.0.<sanitized>}. So {@code 1.2.3} gives {@code
     * 1.2.3}, {@code 1.2.3-beta.4} gives {@code 1.2.3.beta_4}, {@code 2.0} gives {@code 2.0.0} and
     * {@code latest} gives {@code 0.0.0.latest}.
     *
     * <p>The result identifies a version; it does not order prereleases as semver does (OSGi puts
     * {@code 1.2.3} before {@code 1.2.3.beta_4}), so updates compare {@code Hearth-App-Version}.
     */
    public static String bundleVersion(String version) {
        return BundleVersions.of(version);
    }
}
