package dev.hearth.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of the files (and directories) a document references, as {@code referenced_by} says.
 *
 * @param docs the entries of the page
 * @param count how many entries the document references in all
 * @param cursor the value to pass as {@code page[cursor]} for the next page, or null on the last
 */
public record ReferencePage(
        List<ObjectNode> docs, long count, @Nullable String cursor) {}
