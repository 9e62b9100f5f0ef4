package dev.hearth.move;

/**
 * One part of an export: a zip file of bounded size.
 *
 * @param name its file name in the archive ({@code part-0000.zip})
 * @param size its size in bytes
 * @param sha256 the hex SHA-256 of its bytes, checked before an import writes anything
 */
public record ExportPart(String name, long size, String sha256) {}
