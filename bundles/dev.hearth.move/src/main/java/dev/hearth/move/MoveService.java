package dev.hearth.move;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Exports of an instance to a portable archive, and imports of one into an empty instance.
 *
 * <p>An export is a folder of the instance ({@code exports/<id>/}) with a manifest and zip parts
 * of bounded size, each with its SHA-256 in the manifest; as one file it is a tar of the manifest
 * and the parts. The parts use the layout of Cozy's exports ({@code My Cozy/Data/<doctype>/<id>.json},
 * {@code My Cozy/Files/<path>}), so that Cozy's own exports can be imported too.
 *
 * <p>Errors are {@link dev.hearth.common.error.ApiException}s: 404 for an unknown export, 409 for
 * an import into an instance that holds data, 422 for an archive that is truncated, tampered
 * with, of a newer format or otherwise unreadable; nothing is written then.
 */
@ProviderType
public interface MoveService {

    /** The worker type of the export jobs. */
    String EXPORT_WORKER = "export";

    /**
     * Records a new export in state {@code exporting} and queues the job that writes it.
     *
     * @param partsSize the size after which a part is closed, or 0 for the configured one
     */
    ExportInfo requestExport(String domain, long partsSize);

    /** Writes the export {@code id} now, on the calling thread; the export's state says how it went. */
    ExportInfo runExport(String domain, String id);

    /** Records and writes an export on the calling thread (the admin API and the command line). */
    ExportInfo export(String domain, long partsSize);

    ExportInfo export(String domain, String id);

    /** The exports of the instance, newest first. */
    List<ExportInfo> exports(String domain);

    /** Writes a finished export as one tar file: its manifest, then its parts. */
    void writeArchive(String domain, String id, OutputStream out) throws IOException;

    /** The file of part {@code index} of a finished export. */
    Path part(String domain, String id, int index);

    /** A secret that lets download a finished export once, without a token, for ten minutes. */
    String downloadSecret(String domain, String id);

    /**
     * The export of a download secret. The secret is used up when {@code index} is negative (the
     * whole archive); otherwise each part may be fetched once with it.
     *
     * @throws dev.hearth.common.error.ApiException 404 for an unknown, expired or used secret
     */
    ExportInfo redeem(String domain, String secret, int index);

    void deleteExport(String domain, String id);

    /**
     * Imports an archive into an empty instance: a Hearth archive (a tar of a manifest and parts)
     * or a part of Cozy's exports (a zip). Everything is checked before anything is written; when
     * a later step fails, what was written is removed and the error says why.
     */
    ImportResult importArchive(String domain, Path archive) throws IOException;

    /** Imports an archive read from a stream (an upload), as {@link #importArchive(String, Path)}. */
    ImportResult importArchive(String domain, InputStream archive) throws IOException;
}
