package dev.hearth.files.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Verb;
import dev.hearth.files.Children;
import dev.hearth.files.FileService;
import dev.hearth.files.Files;
import dev.hearth.web.Call;
import java.io.IOException;

/** The trash: list, restore, destroy one entry, empty. */
final class TrashRoutes {
    private final FileService files;
    private final EntryRoutes entries;

    TrashRoutes(FileService files, EntryRoutes entries) {
        this.files = files;
        this.entries = entries;
    }

    void list(Call call) throws IOException {
        entries.entry(call, Verb.GET, Files.TRASH_ID);
        Children c = entries.page(call, Files.TRASH_ID);
        String next = c.cursor() == null ? null : FileJson.next("/files/trash", c);
        FileJson.send(call, files, 200, FileJson.list(c.docs(), c.count(), next, Files.TRASH_PATH));
    }

    void restore(Call call) throws IOException {
        ObjectNode doc = entries.entry(call, Verb.POST, call.param("id"));
        String domain = call.context().domain();
        ObjectNode saved = files.restore(domain, doc.path("_id").asText());
        FileJson.send(call, files, 200, FileJson.single(FileJson.resource(saved, files.path(domain, saved))));
    }

    void destroy(Call call) {
        ObjectNode doc = entries.entry(call, Verb.DELETE, call.param("id"));
        files.destroy(call.context().domain(), doc.path("_id").asText());
        call.noContent();
    }

    void empty(Call call) {
        FileAccess.wholeType(call, Verb.DELETE);
        files.emptyTrash(call.context().domain());
        call.noContent();
    }
}
