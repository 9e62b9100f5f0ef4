package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.HearthException;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.Revision;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed entries of every instance, each kept with its revision and handed out again only while
 * the stored revision is the same: a file downloaded again and again is read from its store each
 * time (so a change, a trash or a deletion shows at once) but parsed once. The documents are shared
 * between readers, which must not modify them. Bounded: when full it starts over.
 */
final class ParsedDocs {
    /**
     * Compared by hand: a record's generated equality goes through method handles, a cost
     * every download paid.
     */
    private record Key(String domain, String id) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && id.equals(k.id) && domain.equals(k.domain);
        }

        @Override
        public int hashCode() {
            return 31 * domain.hashCode() + id.hashCode();
        }
    }

    private record Parsed(String rev, ObjectNode doc) {}

    private final int max;
    private final ConcurrentHashMap<Key, Parsed> docs = new ConcurrentHashMap<>();

    ParsedDocs(int max) {
        this.max = max;
    }

    /** The live entry {@code id} of {@code tree}, 404 when missing; shared, not to be modified. */
    ObjectNode get(String domain, Tree tree, String id) {
        Revision r = tree.revision(id);
        Key key = new Key(domain, id);
        Parsed known = docs.get(key);
        if (known != null && known.rev().equals(r.rev())) {
            return known.doc();
        }
        ObjectNode doc = Documents.json(r);
        if (docs.size() >= max) {
            docs.clear();
        }
        docs.put(key, new Parsed(r.rev(), doc));
        return doc;
    }

    /** The live entry {@code id} as {@link #get} has it, or empty when there is none. */
    Optional<ObjectNode> find(String domain, Tree tree, String id) {
        try {
            return Optional.of(get(domain, tree, id));
        } catch (HearthException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Forgets the entries of an instance (destroyed, or moved away). */
    void forget(String domain) {
        docs.keySet().removeIf(k -> k.domain().equals(domain));
    }

    int size() {
        return docs.size();
    }
}
