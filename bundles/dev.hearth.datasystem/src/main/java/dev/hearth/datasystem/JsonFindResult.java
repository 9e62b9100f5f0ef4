package dev.hearth.datasystem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a Mango query with each document as its JSON text (UTF-8), for answers that are
 * only written out.
 *
 * @param docs the documents, each one JSON object
 * @param bookmark where the next page starts
 * @param warning CouchDB's warning, if any
 * @param executionStats CouchDB's execution statistics, when asked for
 * @since 1.6
 */
public record JsonFindResult(
        List<byte[]> docs,
        String bookmark,
        @Nullable String warning,
        @Nullable ObjectNode executionStats) {}
