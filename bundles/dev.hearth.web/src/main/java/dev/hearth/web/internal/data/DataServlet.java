package dev.hearth.web.internal.data;

import dev.hearth.datasystem.DataService;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.Routes;
import dev.hearth.web.WebConstants;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * {@code /data}: the CouchDB-like document API of an instance ({@code cozy-api.md} 2.3), with
 * CouchDB's JSON shapes and error bodies. Every route checks the caller's permissions first.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/data", "/data/*"})
@HttpWhiteboardTarget(WebConstants.PUBLIC_TARGET)
public final class DataServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient DataService data;
    private final transient Routes routes;

    @Activate
    public DataServlet(@Reference DataService data) {
        this.data = data;
        DocumentRoutes docs = new DocumentRoutes(data);
        CollectionRoutes collections = new CollectionRoutes(data);
        ReplicationRoutes replication = new ReplicationRoutes(data);
        this.routes = new Routes(ErrorStyle.COUCH)
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

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        routes.serve(req, resp);
    }

    private void allDoctypes(Call call) throws IOException {
        DataAccess.wholeType(call, dev.hearth.auth.Verb.GET, "io.cozy.doctypes");
        call.json(200, data.doctypes(call.context().domain()).stream()
                .filter(dev.hearth.common.doctype.Doctypes::isReadable).toList());
    }
}
