package dev.hearth.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.files.Content;
import dev.hearth.files.FileService;
import dev.hearth.files.FileVersions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two instances after a move and lists every difference: each document's leaves (bodies,
 * revisions and their ancestry, tombstones), local documents, file contents and old versions.
 */
final class MoveCompare {
    /** Compared elsewhere (apps, grants) or never moved (sessions, jobs, tokens). */
    static final Set<String> SKIPPED = Set.of(
            "io.cozy.apps",
            "io.cozy.konnectors",
            "io.cozy.permissions",
            "io.cozy.jobs",
            "io.cozy.sessions",
            "io.cozy.sessions.logins",
            "io.cozy.oauth.clients",
            "io.cozy.oauth.access_codes");

    private final DataService data;
    private final FileService files;
    private final FileVersions versions;
    final List<String> differences = new ArrayList<>();
    long documents;
    long contents;
    private String src = "";
    private String dst = "";

    MoveCompare(DataService data, FileService files, FileVersions versions) {
        this.data = data;
        this.files = files;
        this.versions = versions;
    }

    MoveCompare run(String src, String dst) throws IOException {
        this.src = src;
        this.dst = dst;
        List<String> targetDoctypes = data.doctypes(dst);
        for (String doctype : data.doctypes(src)) {
            if (SKIPPED.contains(doctype)) {
                continue;
            }
            if (!targetDoctypes.contains(doctype)) {
                differences.add("missing doctype " + doctype);
                continue;
            }
            Database a = data.database(src, doctype);
            Database b = data.database(dst, doctype);
            for (String id : ids(a)) {
                compare(doctype, id, a, b);
            }
            if (a.normalDocCount() != b.normalDocCount()) {
                differences.add(doctype + ": " + a.normalDocCount() + " documents, " + b.normalDocCount() + " after");
            }
            if (doctype.startsWith("com.example.")
                    && !ids(b, Long.toString(lastSeq(a))).containsAll(ids(a))) {
                differences.add(doctype + ": documents imported at a sequence a replica of the source has seen");
            }
            if (!a.localDocs().equals(b.localDocs())) {
                differences.add(doctype + ": local documents " + a.localDocs() + " became " + b.localDocs());
            }
        }
        return this;
    }

    private void compare(String doctype, String id, Database a, Database b) throws IOException {
        Map<String, JsonNode> before = byRev(MoveFixture.leaves(a, id));
        Map<String, JsonNode> after = byRev(MoveFixture.leaves(b, id));
        documents += before.size();
        before.forEach((rev, leaf) -> {
            if (!leaf.equals(after.get(rev))) {
                differences.add(doctype + "/" + id + " " + rev + ": " + leaf + " became " + after.get(rev));
            }
        });
        after.forEach((rev, leaf) -> {
            if (!before.containsKey(rev) && !leaf.path("_deleted").asBoolean(false)) {
                differences.add(doctype + "/" + id + " has a live leaf the source had not: " + rev);
            }
        });
        if (doctype.equals("io.cozy.files")
                && "file".equals(winner(before).path("type").asText())) {
            sameBytes(id);
        }
    }

    private static JsonNode winner(Map<String, JsonNode> leaves) {
        return leaves.values().stream()
                .filter(l -> !l.path("_deleted").asBoolean(false))
                .findFirst()
                .orElse(Json.mapper().createObjectNode());
    }

    private void sameBytes(String id) throws IOException {
        Content x = files.content(src, id);
        Content y = files.content(dst, id);
        if (!x.md5().equals(y.md5()) || !java.util.Arrays.equals(bytes(x), bytes(y))) {
            differences.add("content of " + id);
        }
        contents++;
        List<ObjectNode> vx = versions.versions(src, id);
        List<ObjectNode> vy = versions.versions(dst, id);
        if (!vx.equals(vy)) {
            differences.add("versions of " + id + ": " + vx + " became " + vy);
        }
        for (ObjectNode v : vx) {
            String versionId = v.path("_id").asText().substring(id.length() + 1);
            if (!java.util.Arrays.equals(
                    bytes(versions.versionContent(src, id, versionId)),
                    bytes(versions.versionContent(dst, id, versionId)))) {
                differences.add("content of version " + v.path("_id").asText());
            }
            contents++;
        }
    }

    private static byte[] bytes(Content c) throws IOException {
        try (InputStream in = c.opener().open(0)) {
            return in.readAllBytes();
        }
    }

    private static Map<String, JsonNode> byRev(JsonNode openRevs) {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        for (JsonNode r : openRevs) {
            if (r.has("ok")) {
                out.put(r.get("ok").path("_rev").asText(), r.get("ok"));
            }
        }
        return out;
    }

    static long lastSeq(Database db) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var gen = Json.mapper().getFactory().createGenerator(out)) {
            db.changes(new ChangesQuery("now", false, 1, false, false, false, null, null, false), gen);
        }
        return Long.parseLong(
                Json.mapper().readTree(out.toByteArray()).path("last_seq").asText());
    }

    static List<String> ids(Database db) throws IOException {
        return ids(db, null);
    }

    /** The ids of the changes after {@code since}. */
    static List<String> ids(Database db, String since) throws IOException {
        List<String> ids = new ArrayList<>();
        while (true) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var gen = Json.mapper().getFactory().createGenerator(out)) {
                db.changes(new ChangesQuery(since, false, 1000, false, false, false, null, null, false), gen);
            }
            JsonNode page = Json.mapper().readTree(out.toByteArray());
            if (page.path("results").isEmpty()) {
                return ids;
            }
            page.path("results").forEach(r -> ids.add(r.path("id").asText()));
            since = page.path("last_seq").asText();
        }
    }
}
