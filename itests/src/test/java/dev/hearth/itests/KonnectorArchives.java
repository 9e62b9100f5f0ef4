package dev.hearth.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The small konnector and webapp of {@link KonnectorsIT}, written as Cozy archives: a konnector
 * that logs in to a vendor site with its account's password, writes a bill document and a file in
 * {@code folder_to_save} and reports its progress on stdout; its {@code on_delete_account}
 * script; and a webapp whose service copies each new note into a todo.
 */
final class KonnectorArchives {
    private KonnectorArchives() {}

    static final String KONNECTOR_INDEX = """
            const env = process.env;
            const fields = JSON.parse(env.COZY_FIELDS);
            const vendor = JSON.parse(env.COZY_PARAMETERS).vendor;
            const auth = { Authorization: 'Bearer ' + env.COZY_CREDENTIALS };
            const log = (type, message) => console.log(JSON.stringify({ type, message }));
            async function main() {
              log('info', 'start job=' + env.COZY_JOB_ID + ' manual=' + env.COZY_JOB_MANUAL_EXECUTION
                + ' trigger=' + env.COZY_TRIGGER_ID + ' locale=' + env.COZY_LOCALE + ' language=' + env.COZY_LANGUAGE
                + ' limit=' + env.COZY_TIME_LIMIT + ' payload=' + env.COZY_PAYLOAD + ' url=' + env.COZY_URL);
              const account = await (await fetch(env.COZY_URL + 'data/io.cozy.accounts/' + fields.account, { headers: auth })).json();
              const login = await fetch(vendor + '/login/' + account.auth.password);
              if (login.status !== 200) {
                log('error', 'the vendor said ' + login.status);
                log('critical', 'LOGIN_FAILED');
                return;
              }
              const bill = await login.text();
              const doc = await fetch(env.COZY_URL + 'data/io.cozy.bills/', {
                method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' },
                body: JSON.stringify({ vendor: 'it', text: bill, account: fields.account }) });
              log('info', 'bill ' + doc.status);
              const file = await fetch(env.COZY_URL + 'files/' + fields.folder_to_save + '?Type=file&Name=bill-'
                + env.COZY_JOB_ID + '.txt', { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, body: bill });
              log('info', 'file ' + file.status);
              if (file.status !== 201) log('critical', 'SAVE_FILE_FAILED ' + await file.text());
            }
            main().catch(e => log('critical', 'UNKNOWN_ERROR ' + e.message));
            """;

    static final String ON_DELETE = """
            const fields = JSON.parse(process.env.COZY_FIELDS);
            console.log(JSON.stringify({ type: 'info', message: 'deleted ' + fields.account + ' ' + fields.account_deleted }));
            fetch(process.env.COZY_URL + 'data/io.cozy.bills/', {
              method: 'POST',
              headers: { Authorization: 'Bearer ' + process.env.COZY_CREDENTIALS, 'Content-Type': 'application/json' },
              body: JSON.stringify({ deletedAccount: fields.account, rev: fields.account_rev }) })
              .then(r => console.log(JSON.stringify({ type: 'info', message: 'cleanup ' + r.status })));
            """;

    static final String SERVICE = """
            const doc = JSON.parse(process.env.COZY_COUCH_DOC);
            fetch(process.env.COZY_URL + 'data/io.cozy.todos/', {
              method: 'POST',
              headers: { Authorization: 'Bearer ' + process.env.COZY_CREDENTIALS, 'Content-Type': 'application/json' },
              body: JSON.stringify({ from: doc._id, title: 'seen ' + doc.title, job: process.env.COZY_JOB_ID }) })
              .then(r => { if (r.status !== 201) throw new Error('todo ' + r.status); });
            """;

    /** The konnector {@code slug}, whose vendor site is {@code vendor} (a loopback URL). */
    static Path konnector(String slug, String vendor) {
        String manifest = "{\"name\":\"Konnector " + slug + "\",\"slug\":\"" + slug + "\",\"version\":\"1.0.0\","
                + "\"type\":\"konnector\",\"language\":\"node\",\"allowed_domains\":[\"127.0.0.1\"],"
                + "\"parameters\":{\"vendor\":\"" + vendor + "\"},\"on_delete_account\":\"on_delete.js\","
                + "\"fields\":{\"login\":{\"type\":\"text\"},\"password\":{\"type\":\"password\"},"
                + "\"advanced_fields\":{\"folderPath\":{\"advanced\":true,\"isRequired\":false}}},"
                + "\"permissions\":{\"accounts\":{\"type\":\"io.cozy.accounts\"},\"bills\":{\"type\":\"io.cozy.bills\"},"
                + "\"logs\":{\"type\":\"io.cozy.apps.logs\",\"verbs\":[\"POST\"]}}}";
        return write(
                new TarGz()
                        .file("manifest.konnector", manifest)
                        .file("index.js", KONNECTOR_INDEX)
                        .file("on_delete.js", ON_DELETE),
                slug);
    }

    /** A webapp whose service {@code copy} runs on each created note. */
    static Path webappWithService(String slug) {
        return webappWithServices(slug, "");
    }

    /** The webapp of {@link #webappWithService} with more services, members of {@code services}. */
    static Path webappWithServices(String slug, String more) {
        String manifest = "{\"name\":\"App " + slug + "\",\"slug\":\"" + slug + "\",\"version\":\"1.0.0\","
                + "\"permissions\":{\"notes\":{\"type\":\"io.cozy.notes\"},\"todos\":{\"type\":\"io.cozy.todos\"}},"
                + "\"services\":{\"copy\":{\"type\":\"node\",\"file\":\"/services/copy.js\","
                + "\"trigger\":\"@event io.cozy.notes:CREATED\"}" + more + "}}";
        return write(
                new TarGz()
                        .file("manifest.webapp", manifest)
                        .file("index.html", "<html><body>" + slug + "</body></html>")
                        .file("services/copy.js", SERVICE),
                slug);
    }

    private static Path write(TarGz tar, String slug) {
        try {
            return tar.writeTo(TestTemp.file(slug, ".tar.gz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
