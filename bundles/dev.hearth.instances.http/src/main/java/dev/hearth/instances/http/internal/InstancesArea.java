package dev.hearth.instances.http.internal;

import dev.hearth.common.jsonapi.Document;
import dev.hearth.common.jsonapi.Resource;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceChanges;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.NewInstance;
import dev.hearth.web.AdminParams;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnAdminEndpoint;
import dev.hearth.web.Routes;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The admin API of instances ({@code cozy-api.md} 1.4): parameters in the query string,
 * capitalized as Cozy's command-line tool sends them; JSON:API answers.
 */
@Component
@OnAdminEndpoint
public final class InstancesArea implements HttpArea {
    private static final int MAX_PAGE = 1000;

    private final InstanceService instances;

    @Activate
    public InstancesArea(@Reference InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.JSON_API)
                .get("/instances", this::list)
                .post("/instances", this::create)
                .get("/instances/count", this::count)
                .get("/instances/:domain", this::show)
                .patch("/instances/:domain", this::modify)
                .delete("/instances/:domain", this::destroy);
    }

    private void list(Call call) throws IOException {
        AdminParams params = new AdminParams(call);
        int skip = params.intValue("page[skip]");
        int limit = params.intValue("page[limit]");
        List<Instance> all = instances.list();
        int from = Math.min(skip, all.size());
        int to = limit == 0 ? all.size() : Math.min(all.size(), from + Math.min(limit, MAX_PAGE));
        List<Resource> page = all.subList(from, to).stream().map(this::resource).toList();
        call.jsonApi(200, Document.list(page, all.size(), null));
    }

    private void create(Call call) throws IOException {
        AdminParams p = new AdminParams(call);
        Instance created = instances.create(NewInstance.builder(p.required("Domain"))
                .locale(p.string("Locale"))
                .email(p.string("Email"))
                .publicName(p.string("PublicName"))
                .timezone(p.string("Timezone"))
                .contextName(p.string("ContextName"))
                .uuid(p.string("UUID"))
                .diskQuota(p.longValue("DiskQuota"))
                .passphrase(p.string("Passphrase"))
                .kdfIterations(p.intValue("KdfIterations"))
                .onboardingFinished(p.bool("OnboardingFinished"))
                .build());
        call.jsonApi(201, Document.single(resource(created)));
    }

    private void count(Call call) throws IOException {
        call.json(200, Map.of("count", instances.count()));
    }

    private void show(Call call) throws IOException {
        call.jsonApi(200, Document.single(resource(instances.get(call.param("domain")))));
    }

    private void modify(Call call) throws IOException {
        AdminParams p = new AdminParams(call);
        InstanceChanges changes = InstanceChanges.builder()
                .locale(p.string("Locale"))
                .email(p.string("Email"))
                .publicName(p.string("PublicName"))
                .timezone(p.string("Timezone"))
                .contextName(p.string("ContextName"))
                .uuid(p.string("UUID"))
                .diskQuota(p.longValue("DiskQuota"))
                .blocked(p.bool("Blocked"))
                .blockingReason(p.string("BlockingReason"))
                .onboardingFinished(p.bool("OnboardingFinished"))
                .authMode(p.string("AuthMode"))
                .build();
        Instance modified = instances.modify(call.param("domain"), changes);
        call.jsonApi(200, Document.single(resource(modified)));
    }

    private void destroy(Call call) {
        instances.destroy(call.param("domain"));
        call.noContent();
    }

    private Resource resource(Instance instance) {
        return InstanceJson.resource(instance);
    }
}
