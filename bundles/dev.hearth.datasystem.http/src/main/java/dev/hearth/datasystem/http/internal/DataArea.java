package dev.hearth.datasystem.http.internal;

import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.datasystem.DataService;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.Routes;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /data}: the CouchDB-like document API of an instance ({@code cozy-api.md} 2.3), with
 * CouchDB's JSON shapes and error bodies. Every route checks the caller's permissions first.
 */
@Component
@OnInstanceHosts
public final class DataArea implements HttpArea {
    private final DataService data;

    @Activate
    public DataArea(@Reference DataService data) {
        this.data = data;
    }

    @Override
    public Routes routes() {
        DocumentRoutes docs = new DocumentRoutes(data);
        CollectionRoutes collections = new CollectionRoutes(data);
        ReplicationRoutes replication = new ReplicationRoutes(data);
        return new Routes(ErrorStyle.COUCH)
                .get("/data", call -> call.json(200, Map.of("message", "welcome to a cozy API")))
                .get("/data/_all_doctypes", this::allDoctypes)
                .get("/data/:doctype", collections::info)
                .put("/data/:doctype", collections::create)
                .delete("/data/:doctype", collections::drop)
                .post("/data/:doctype", docs::create)
                .get("/data/:doctype/_all_docs", collections::allDocs)
                .post("/data/:doctype/_all_docs", collections::allDocs)
                .get("/data/:doctype/_normal_docs", collections::normalDocs)
                .post("/data/:doctype/_find", collections::find)
                .post("/data/:doctype/_index", collections::index)
                .get("/data/:doctype/_design_docs", collections::designDocs)
                .post("/data/:doctype/_bulk_docs", collections::bulkDocs)
                .post("/data/:doctype/_ensure_full_commit", collections::ensureFullCommit)
                .get("/data/:doctype/_changes", replication::changes)
                .post("/data/:doctype/_changes", replication::changes)
                .post("/data/:doctype/_bulk_get", replication::bulkGet)
                .post("/data/:doctype/_revs_diff", replication::revsDiff)
                .get("/data/:doctype/_local/:id", replication::getLocal)
                .put("/data/:doctype/_local/:id", replication::putLocal)
                .delete("/data/:doctype/_local/:id", replication::deleteLocal)
                .get("/data/:doctype/_design/:ddoc", replication::getDesign)
                .delete("/data/:doctype/_design/:ddoc", replication::deleteDesign)
                .post("/data/:doctype/_design/:ddoc/copy", replication::copyDesign)
                .get("/data/:doctype/:id", docs::get)
                .put("/data/:doctype/:id", docs::put)
                .delete("/data/:doctype/:id", docs::delete);
    }

    private void allDoctypes(Call call) throws IOException {
        call.context().requireWholeType(Verb.GET, "io.cozy.doctypes");
        call.json(
                200,
                data.doctypes(call.context().domain()).stream()
                        .filter(Doctypes::isReadable)
                        .toList());
    }
}
