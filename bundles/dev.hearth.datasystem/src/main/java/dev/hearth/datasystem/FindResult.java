package dev.hearth.datasystem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a Mango query.
 *
 * @param bookmark where the next page starts
 * @param warning CouchDB's warning, if any
 * @param executionStats CouchDB's execution statistics, when asked for
 */
public record FindResult(
        List<ObjectNode> docs,
        String bookmark,
        @Nullable String warning,
        @Nullable ObjectNode executionStats) {}
