package dev.hearth.move;

import java.util.List;

/**
 * What an import wrote.
 *
 * @param documents the document revisions written (leaves and local documents)
 * @param files the file contents written, MD5 checked (current and old versions)
 * @param bytes the bytes of those contents
 * @param apps the apps and konnectors reinstalled ({@code webapp/<slug>}, {@code konnector/<slug>})
 * @param skipped what the archive held and the import left out on purpose, with the reason
 */
public record ImportResult(long documents, long files, long bytes, List<String> apps, List<String> skipped) {}
