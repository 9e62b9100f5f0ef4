package dev.hearth.files;

import org.jspecify.annotations.Nullable;

/**
 * One inconsistency found by a check of the file system.
 *
 * @param type {@code missing_blob} (a document whose content is gone), {@code size_mismatch},
 *     {@code md5_mismatch}, {@code orphan_blob} (content no document points to), {@code orphan_entry}
 *     (an entry whose parent directory is missing), {@code bad_path} (a directory whose path does not
 *     follow its parent's), {@code orphan_version} (an old version whose file is missing); the first
 *     three apply to old versions too, under the version's id
 * @param id the document id (a file's, or an old version's {@code <file id>/<version id>}), or the
 *     blob key of an orphan blob
 */
public record Problem(String type, String id, @Nullable String detail) {}
