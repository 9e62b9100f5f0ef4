package dev.hearth.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of a directory's children, sorted by name.
 *
 * @param count how many children the directory has in all
 * @param cursor the name to pass as {@code page[cursor]} for the next page, or null on the last
 */
public record Children(
        List<ObjectNode> docs, long count, @Nullable String cursor) {}
