package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.Revision;
import dev.hearth.files.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads of the tree of one instance, through two Mango indexes of {@code io.cozy.files}: by parent
 * and name (children, name clashes, a file by path) and by path (a directory by path). No read
 * scans the whole database.
 */
final class Tree {
    static final String PARENT_INDEX = "hearth-files-by-parent";
    static final String PATH_INDEX = "hearth-files-by-path";
    private static final int WALK_PAGE = 1000;

    private final Database db;

    Tree(Database db) {
        this.db = db;
    }

    Database db() {
        return db;
    }

    /** Creates the indexes; harmless when they exist. */
    static void createIndexes(Database db) {
        db.createIndex(index(PARENT_INDEX, "dir_id", "name"));
        db.createIndex(index(PATH_INDEX, "path"));
    }

    private static ObjectNode index(String ddoc, String... fields) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode list = body.putObject("index").putArray("fields");
        for (String f : fields) {
            list.add(f);
        }
        body.put("ddoc", ddoc);
        body.put("name", ddoc);
        return body;
    }

    /** The live document {@code id}, or 404. */
    ObjectNode get(String id) {
        return find(id).orElseThrow(() -> ApiException.notFound("File or directory not found: " + id));
    }

    Optional<ObjectNode> find(String id) {
        try {
            return Optional.of(Documents.json(db.get(id, null, false)));
        } catch (CouchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The stored winning revision of the live entry {@code id} (its body unparsed), or 404. */
    Revision revision(String id) {
        try {
            return db.get(id, null, false);
        } catch (CouchException e) {
            if (e.status() == 404) {
                throw ApiException.notFound("File or directory not found: " + id);
            }
            throw e;
        }
    }

    /** The directory {@code id}, 404 when missing, 422 when a file. */
    ObjectNode directory(String id) {
        ObjectNode dir = find(id).orElseThrow(() -> ApiException.notFound("Parent directory not found: " + id));
        if (!Files.DIRECTORY.equals(dir.path("type").asText())) {
            throw ApiException.invalidParameter("dir_id", "Not a directory: " + id);
        }
        return dir;
    }

    Optional<ObjectNode> directoryByPath(String path) {
        List<ObjectNode> docs = query(selector("path", path), PATH_INDEX, 1, null);
        return docs.stream().findFirst();
    }

    Optional<ObjectNode> child(String dirId, String name) {
        ObjectNode sel = selector("dir_id", dirId);
        sel.put("name", name);
        return query(sel, PARENT_INDEX, 1, null).stream().findFirst();
    }

    /** Up to {@code limit} children of {@code dirId} whose name is after {@code after}, by name. */
    List<ObjectNode> children(String dirId, @Nullable String after, int skip, int limit) {
        ObjectNode sel = selector("dir_id", dirId);
        if (after != null) {
            sel.putObject("name").put("$gt", after);
        }
        ObjectNode body = body(sel, PARENT_INDEX, limit, null);
        body.put("skip", skip);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().put("dir_id", "asc");
        sort.addObject().put("name", "asc");
        return strip(db.find(body).docs());
    }

    /** How many children {@code dirId} has: read from the parent index, not by walking them. */
    long count(String dirId) {
        return db.count(selector("dir_id", dirId), PARENT_INDEX);
    }

    /** Every child of {@code dirId}, page by page. */
    List<ObjectNode> allChildren(String dirId) {
        List<ObjectNode> out = new ArrayList<>();
        String bookmark = null;
        while (true) {
            FindResult page = db.find(body(selector("dir_id", dirId), PARENT_INDEX, WALK_PAGE, bookmark));
            out.addAll(strip(page.docs()));
            if (page.docs().size() < WALK_PAGE) {
                return out;
            }
            bookmark = page.bookmark();
        }
    }

    /** Every entry below the directory {@code dirId}, breadth first (not the directory itself). */
    List<ObjectNode> descendants(String dirId) {
        List<ObjectNode> out = new ArrayList<>();
        Deque<String> dirs = new ArrayDeque<>();
        dirs.add(dirId);
        while (!dirs.isEmpty()) {
            for (ObjectNode child : allChildren(dirs.poll())) {
                out.add(child);
                if (Files.DIRECTORY.equals(child.path("type").asText())) {
                    dirs.add(child.path("_id").asText());
                }
            }
        }
        return out;
    }

    /** The ids of the directories above {@code doc}, nearest first, up to the root. */
    List<String> ancestors(ObjectNode doc) {
        return ancestors(doc, this::find);
    }

    /** {@link #ancestors(ObjectNode)}, with the directories read by {@code dirs}. */
    static List<String> ancestors(ObjectNode doc, Function<String, Optional<ObjectNode>> dirs) {
        List<String> out = new ArrayList<>();
        String parent = doc.path("dir_id").asText("");
        while (!parent.isEmpty() && out.size() < 256) {
            out.add(parent);
            Optional<ObjectNode> dir = dirs.apply(parent);
            parent = dir.map(d -> d.path("dir_id").asText("")).orElse("");
        }
        return out;
    }

    /** The full path of a directory (stored) or a file (its directory's path and its name). */
    String path(ObjectNode doc) {
        return path(doc, this::find);
    }

    /** {@link #path(ObjectNode)}, with the file's directory read by {@code dirs}. */
    static String path(ObjectNode doc, Function<String, Optional<ObjectNode>> dirs) {
        if (Files.DIRECTORY.equals(doc.path("type").asText())) {
            return doc.path("path").asText();
        }
        String dirPath = dirs.apply(doc.path("dir_id").asText(""))
                .map(d -> d.path("path").asText(""))
                .orElse("");
        return Names.join(dirPath, doc.path("name").asText());
    }

    private static ObjectNode selector(String field, String value) {
        ObjectNode sel = Json.mapper().createObjectNode();
        sel.put(field, value);
        return sel;
    }

    private List<ObjectNode> query(ObjectNode selector, String index, int limit, @Nullable String bookmark) {
        return strip(db.find(body(selector, index, limit, bookmark)).docs());
    }

    private static ObjectNode body(ObjectNode selector, String index, int limit, @Nullable String bookmark) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("selector", selector);
        body.put("use_index", index);
        body.put("limit", limit);
        if (bookmark != null) {
            body.put("bookmark", bookmark);
        }
        return body;
    }

    private static List<ObjectNode> strip(List<ObjectNode> docs) {
        docs.forEach(d -> d.remove("_type"));
        return docs;
    }
}
