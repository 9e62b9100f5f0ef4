package dev.hearth.move.internal;

import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.files.Files;
import java.util.List;

/**
 * Whether an instance holds nothing of its user's yet: no document but the directories every
 * instance is created with (and sessions, OAuth clients, jobs: traces of the server, not data).
 */
final class Emptiness {
    private static final List<String> SPECIAL_DIRS = List.of(Files.ROOT_ID, Files.TRASH_ID, Files.SHARED_DRIVES_ID);

    private Emptiness() {}

    /** @throws dev.hearth.common.error.ApiException 409 naming what the instance holds */
    static void check(DataService data, String domain) {
        for (String doctype : data.doctypes(domain)) {
            if (Layout.EXCLUDED.contains(doctype)) {
                continue;
            }
            Database db = data.database(domain, doctype);
            long count = db.normalDocCount();
            if (doctype.equals(Files.DOCTYPE)) {
                count -= SPECIAL_DIRS.stream().filter(id -> exists(db, id)).count();
            }
            if (count > 0) {
                throw Refusals.notEmpty(count + " document(s) of " + doctype);
            }
        }
    }

    private static boolean exists(Database db, String id) {
        try {
            db.get(id, null, false);
            return true;
        } catch (CouchException e) {
            return false;
        }
    }
}
