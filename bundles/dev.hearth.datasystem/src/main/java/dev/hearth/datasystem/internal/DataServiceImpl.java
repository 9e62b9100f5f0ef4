package dev.hearth.datasystem.internal;

import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.health.Backend;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.DocumentRules;
import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.DocumentEngine;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceListener;
import dev.hearth.instances.InstanceService;
import dev.hearth.js.JsSandbox;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.RealtimeHub;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The data service: the databases of the engine it is configured for ({@code documents.target},
 * the embedded one by default; a node configured for another engine waits for it), checked by
 * the document rules, each durable change published to the realtime hub.
 */
@Component(
        service = {DataService.class, InstanceListener.class, Backend.class},
        configurationPid = DataSystemConfig.PID)
@Designate(ocd = DataSystemConfig.class)
public final class DataServiceImpl implements DataService, InstanceListener, Backend {
    private final InstanceService instances;
    private final DocumentEngine engine;
    /** The embedded engine when this service made it itself (outside OSGi), closed with it. */
    private final @Nullable EmbeddedEngine owned;

    private volatile RealtimeHub hub;
    /** The rules that documents must follow, such as the installed apps' schemas: optional. */
    private final List<DocumentRules> rules = new CopyOnWriteArrayList<>();

    @Activate
    public DataServiceImpl(
            @Reference InstanceService instances,
            @Reference(name = "documents", target = "(" + DocumentEngine.PROPERTY + "=embedded)")
                    DocumentEngine engine) {
        this(instances, engine, null);
    }

    /**
     * The service over its own embedded engine, as tests outside OSGi build it. A factory rather
     * than a second two-argument constructor, which SCR would try for its activation and report.
     */
    public static DataServiceImpl embedded(InstanceService instances, DataSystemConfig config) {
        return new DataServiceImpl(instances, null, new EmbeddedEngine(instances, config));
    }

    /** The service over a given engine, as tests of other engines build it. */
    public static DataServiceImpl over(InstanceService instances, DocumentEngine engine) {
        return new DataServiceImpl(instances, engine);
    }

    private DataServiceImpl(
            InstanceService instances, @Nullable DocumentEngine engine, @Nullable EmbeddedEngine owned) {
        this.instances = instances;
        this.engine = owned != null ? owned : engine;
        this.owned = owned;
    }

    @Override
    public String role() {
        return "documents";
    }

    @Override
    public String describe() {
        return Backend.providedBy(engine, DataServiceImpl.class);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setHub(RealtimeHub hub) {
        this.hub = hub;
    }

    void unsetHub(RealtimeHub hub) {
        if (this.hub == hub) {
            this.hub = null;
        }
    }

    /** The sandbox of views, for an embedded engine made outside OSGi (where it has its own reference). */
    public void setSandbox(JsSandbox sandbox) {
        if (owned != null) {
            owned.setSandbox(sandbox);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRules(DocumentRules added) {
        rules.add(added);
    }

    void removeRules(DocumentRules removed) {
        rules.removeIf(r -> r == removed);
    }

    /** Closes the engine this service made (also called by tests outside OSGi). */
    @Deactivate
    public void deactivate() {
        if (owned != null) {
            owned.deactivate();
        }
    }

    @Override
    public Database database(String domain, String doctype) {
        Doctypes.checkName(doctype);
        String canonical = instances.get(domain).domain();
        Database db = engine.database(canonical, doctype, this::publish);
        return rules.isEmpty() ? db : new RuledDatabase(db, canonical, rules);
    }

    @Override
    public List<String> doctypes(String domain) {
        return engine.doctypes(instances.get(domain).domain());
    }

    /** Lets the engine close or delete the instance's databases; the instance is already hidden. */
    @Override
    public void instanceDestroying(Instance instance) {
        engine.destroy(instance.domain());
    }

    private void publish(String domain, String doctype, Change change) {
        RealtimeHub current = hub;
        if (current == null) {
            return;
        }
        Event.Verb verb =
                change.deleted() ? Event.Verb.DELETED : change.created() ? Event.Verb.CREATED : Event.Verb.UPDATED;
        // The document is parsed from the stored body only if a subscriber follows the doctype.
        current.publish(domain, verb, doctype, change.id(), change::document);
    }
}
