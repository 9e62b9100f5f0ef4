package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;

/** The instance {@link MoveBetweenServersIT} moves, written through the HTTP API only. */
final class MoveServersFixture {
    private MoveServersFixture() {}

    /** Documents (some with a second revision), folders, files, a webapp, a konnector and its trigger. */
    static void fill(MoveBetweenServersIT.Server s, Path tmp) throws Exception {
        StringBuilder notes = new StringBuilder("{\"docs\":[");
        for (int i = 0; i < 150; i++) {
            notes.append(i == 0 ? "" : ",")
                    .append("{\"_id\":\"note-")
                    .append(i)
                    .append("\",\"n\":")
                    .append(i)
                    .append('}');
        }
        JsonNode written = bulk(s, "io.cozy.movetest.notes", notes.append("]}").toString());
        StringBuilder updates = new StringBuilder("{\"docs\":[");
        for (int i = 0; i < 20; i++) {
            updates.append(i == 0 ? "" : ",")
                    .append("{\"_id\":\"note-")
                    .append(i)
                    .append("\",\"_rev\":\"")
                    .append(written.path(i).path("rev").asText())
                    .append("\",\"n\":")
                    .append(i)
                    .append(",\"edited\":true}");
        }
        bulk(s, "io.cozy.movetest.notes", updates.append("]}").toString());
        StringBuilder tasks = new StringBuilder("{\"docs\":[");
        for (int i = 0; i < 60; i++) {
            tasks.append(i == 0 ? "" : ",")
                    .append("{\"title\":\"task ")
                    .append(i)
                    .append("\"}");
        }
        bulk(s, "io.cozy.movetest.tasks", tasks.append("]}").toString());

        String photos = dir(s, "io.cozy.files.root-dir", "Photos");
        String year = dir(s, photos, "2026");
        upload(s, year, "big.bin", MoveBetweenServersIT.random(400_000, 1));
        for (int i = 0; i < 5; i++) {
            upload(
                    s,
                    i % 2 == 0 ? photos : year,
                    "small-" + i + ".bin",
                    MoveBetweenServersIT.random(1000 + i * 777, 10 + i));
        }

        Path webapp = new TarGz()
                .file("manifest.webapp", "{\"slug\":\"notes\",\"version\":\"1.2.0\",\"name\":\"Notes\"}")
                .file("index.html", "<html>notes</html>")
                .writeTo(tmp.resolve("notes.tar.gz"));
        install(s, "/apps/notes?Source=" + webapp.toUri());
        Path konnector = new TarGz()
                .file("manifest.konnector", "{\"slug\":\"bank\",\"version\":\"0.3.0\",\"type\":\"konnector\"}")
                .file("index.js", "module.exports = {}")
                .writeTo(tmp.resolve("bank.tgz"));
        install(s, "/konnectors/bank?Source=" + konnector.toUri());
        Http.Response trigger = s.at("POST", "/jobs/triggers")
                .body("{\"data\":{\"attributes\":{\"type\":\"@cron\",\"arguments\":\"0 0 3 * * *\","
                        + "\"worker\":\"konnector\",\"message\":{\"konnector\":\"bank\"}}}}")
                .send();
        assertThat(trigger.status()).as(trigger.body()).isEqualTo(201);
    }

    /** Each file of the snapshot is served by {@code s} with the bytes its MD5 says. */
    static void checkContents(MoveBetweenServersIT.Server s, Map<String, String> snapshot) throws Exception {
        int checked = 0;
        for (Map.Entry<String, String> e : snapshot.entrySet()) {
            String[] revAndMd5 = e.getValue().split(" ");
            if (!e.getKey().startsWith("io.cozy.files/") || revAndMd5.length < 2) {
                continue;
            }
            String id = e.getKey().substring("io.cozy.files/".length());
            Http.BinaryResponse r = s.at("GET", "/files/download/" + id).sendForBytes();
            assertThat(r.status()).isEqualTo(200);
            assertThat(MoveBetweenServersIT.md5(r.body())).as(id).isEqualTo(revAndMd5[1]);
            checked++;
        }
        assertThat(checked).isEqualTo(6);
    }

    private static JsonNode bulk(MoveBetweenServersIT.Server s, String doctype, String body) {
        Http.Response r =
                s.at("POST", "/data/" + doctype + "/_bulk_docs").body(body).send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static String dir(MoveBetweenServersIT.Server s, String parent, String name) {
        Http.Response r = s.at("POST", "/files/" + parent + "?Type=directory&Name=" + name)
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("data").path("id").asText();
    }

    private static void upload(MoveBetweenServersIT.Server s, String dir, String name, byte[] content) {
        Http.Response r = s.at("POST", "/files/" + dir + "?Type=file&Name=" + name)
                .header("Content-Type", "application/octet-stream")
                .body(content)
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static void install(MoveBetweenServersIT.Server s, String path) {
        Http.Response r = s.at("POST", path).send();
        assertThat(r.status()).as(r.body()).isEqualTo(202);
    }
}
