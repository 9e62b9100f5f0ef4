package dev.hearth.move;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An export of an instance, as its manifest and state say.
 *
 * @param id the export's id
 * @param state {@code exporting}, {@code done} or {@code error}
 * @param partsSize the size after which a part is closed and the next one begun
 * @param parts the parts written, in order (empty until done)
 * @param createdAt RFC 3339
 * @param expiresAt RFC 3339: the export is deleted after it
 * @param totalSize the bytes of every part
 * @param documents how many documents (leaf revisions and local documents) it holds
 * @param files how many file contents (current and old versions) it holds
 * @param error why it failed, when it did
 */
public record ExportInfo(
        String id,
        String domain,
        String state,
        long partsSize,
        List<ExportPart> parts,
        String createdAt,
        String expiresAt,
        long totalSize,
        long documents,
        long files,
        @Nullable String error) {
    public static final String EXPORTING = "exporting";
    public static final String DONE = "done";
    public static final String ERROR = "error";
}
