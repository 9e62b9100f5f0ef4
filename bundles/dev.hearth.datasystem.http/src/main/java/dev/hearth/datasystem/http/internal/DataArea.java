package dev.hearth.datasystem.http.internal;

import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.DeclaredDoctypes;
import dev.hearth.web.Call;
import dev.hearth.web.ContributedRoutes;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.Routes;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /data}: the CouchDB-like document API of an instance ({@code cozy-api.md} 2.3), with
 * CouchDB's JSON shapes and error bodies. Every route checks the caller's permissions first.
 */
@Component
@OnInstanceHosts
public final class DataArea implements HttpArea {
    private final DataService data;
    private final List<DeclaredDoctypes> declared = new CopyOnWriteArrayList<>();
    private final List<ContributedRoutes> contributed;

    /**
     * @param contributed routes other bundles serve under {@code /data} (the files a document
     *     references): static and greedy, so the table is made again when one comes or goes
     */
    @Activate
    public DataArea(
            @Reference DataService data,
            @Reference(
                            cardinality = ReferenceCardinality.MULTIPLE,
                            policyOption = ReferencePolicyOption.GREEDY,
                            target = "(" + ContributedRoutes.AREA + "=data)")
                    List<ContributedRoutes> contributed) {
        this.data = data;
        this.contributed = List.copyOf(contributed);
    }

    /**
     * Doctypes declared above the datasystem (by the installed apps): optional and dynamic, so the
     * data API neither waits for the apps nor restarts when they come and go.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDeclared(DeclaredDoctypes doctypes) {
        declared.add(doctypes);
    }

    void removeDeclared(DeclaredDoctypes doctypes) {
        declared.removeIf(d -> d == doctypes);
    }

    @Override
    public Routes routes() {
        DocumentRoutes docs = new DocumentRoutes(data);
        CollectionRoutes collections = new CollectionRoutes(data);
        ReplicationRoutes replication = new ReplicationRoutes(data);
        ViewRoutes views = new ViewRoutes(data);
        Routes routes = new Routes(ErrorStyle.COUCH);
        contributed.forEach(c -> routes.include(c.routes()));
        return routes.get("/data", call -> call.json(200, Map.of("message", "welcome to a cozy API")))
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
                .post("/data/:doctype/_purge", collections::purge)
                .get("/data/:doctype/_changes", replication::changes)
                .post("/data/:doctype/_changes", replication::changes)
                .post("/data/:doctype/_bulk_get", replication::bulkGet)
                .post("/data/:doctype/_revs_diff", replication::revsDiff)
                .get("/data/:doctype/_local/:id", replication::getLocal)
                .put("/data/:doctype/_local/:id", replication::putLocal)
                .delete("/data/:doctype/_local/:id", replication::deleteLocal)
                .get("/data/:doctype/_design/:ddoc/_view/:view", views::view)
                .post("/data/:doctype/_design/:ddoc/_view/:view", views::view)
                .get("/data/:doctype/_design/:ddoc", replication::getDesign)
                .put("/data/:doctype/_design/:ddoc", views::putDesign)
                .delete("/data/:doctype/_design/:ddoc", replication::deleteDesign)
                .post("/data/:doctype/_design/:ddoc/copy", replication::copyDesign)
                .get("/data/:doctype/:id", docs::get)
                .put("/data/:doctype/:id", docs::put)
                .delete("/data/:doctype/:id", docs::delete);
    }

    /**
     * The doctypes that have a database and those declared for the instance, sorted; invalid names
     * and reserved unreadable doctypes are left out, whoever declares them.
     */
    private void allDoctypes(Call call) throws IOException {
        call.context().requireWholeType(Verb.GET, "io.cozy.doctypes");
        String domain = call.context().domain();
        Set<String> names = new TreeSet<>(data.doctypes(domain));
        for (DeclaredDoctypes source : declared) {
            names.addAll(source.doctypes(domain));
        }
        call.json(200, names.stream().filter(Doctypes::isReadable).toList());
    }
}
