package dev.hearth.web.internal.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Audience;
import dev.hearth.auth.OAuthClients;
import dev.hearth.auth.Passphrases;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.TokenService;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.common.jsonapi.Resource;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceChanges;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.NewInstance;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.Routes;
import dev.hearth.web.WebConstants;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * The admin API of instances ({@code cozy-api.md} 1.4): parameters in the query string,
 * capitalized as Cozy's command-line tool sends them; JSON:API answers.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/instances", "/instances/*"})
@HttpWhiteboardTarget(WebConstants.ADMIN_TARGET)
public final class InstancesAdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_PAGE = 1000;

    private final transient InstanceService instances;
    private final transient TokenService tokens;
    private final transient Passphrases passphrases;
    private final transient OAuthClients clients;
    private final transient Routes routes = new Routes(ErrorStyle.JSON_API)
            .get("/instances", this::list)
            .post("/instances", this::create)
            .get("/instances/count", this::count)
            .post("/instances/token", this::token)
            .post("/instances/oauth_client", this::oauthClient)
            .get("/instances/:domain", this::show)
            .patch("/instances/:domain", this::modify)
            .delete("/instances/:domain", this::destroy);

    @Activate
    public InstancesAdminServlet(@Reference InstanceService instances, @Reference TokenService tokens,
            @Reference Passphrases passphrases, @Reference OAuthClients clients) {
        this.instances = instances;
        this.tokens = tokens;
        this.passphrases = passphrases;
        this.clients = clients;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        routes.serve(req, resp);
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
        Instance created = instances.create(NewInstance.builder(p.required("Domain")).locale(p.string("Locale"))
                .email(p.string("Email")).publicName(p.string("PublicName")).timezone(p.string("Timezone"))
                .contextName(p.string("ContextName")).uuid(p.string("UUID")).diskQuota(p.longValue("DiskQuota"))
                .passphrase(p.string("Passphrase")).kdfIterations(p.intValue("KdfIterations"))
                .onboardingFinished(p.bool("OnboardingFinished")).build());
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
        InstanceChanges changes = InstanceChanges.builder().locale(p.string("Locale")).email(p.string("Email"))
                .publicName(p.string("PublicName")).timezone(p.string("Timezone")).contextName(p.string("ContextName"))
                .uuid(p.string("UUID")).diskQuota(p.longValue("DiskQuota")).blocked(p.bool("Blocked"))
                .blockingReason(p.string("BlockingReason")).onboardingFinished(p.bool("OnboardingFinished"))
                .authMode(p.string("AuthMode")).build();
        Instance modified = instances.modify(call.param("domain"), changes);
        call.jsonApi(200, Document.single(resource(modified)));
    }

    private void destroy(Call call) {
        instances.destroy(call.param("domain"));
        call.noContent();
    }

    private void token(Call call) throws IOException {
        AdminParams p = new AdminParams(call);
        Instance instance = instances.get(p.required("Domain"));
        Audience audience = audience(p.required("Audience"));
        String scope = p.string("Scope");
        if (scope != null) {
            PermissionSet.parseScope(scope);
        }
        Instant issuedAt = Instant.now();
        Duration expire = p.duration("Expire");
        if (expire != null && audience.validity() != null) {
            // As Cozy: move iat so that the token expires after the requested duration.
            issuedAt = issuedAt.plus(expire).minus(audience.validity());
        }
        String subject = p.string("Subject");
        if (audience != Audience.CLI && (subject == null || subject.isEmpty())) {
            throw ApiException.invalidParameter("Subject", "Tokens of audience " + audience.code() + " need a Subject");
        }
        if ((audience == Audience.ACCESS || audience == Audience.REFRESH) && !clients.exists(instance.domain(), subject)) {
            throw StatusException.badRequest(OAuthClients.NOT_REGISTERED);
        }
        call.text(200, tokens.mint(instance.domain(), audience, subject == null ? "" : subject,
                scope == null || audience == Audience.APP || audience == Audience.KONNECTOR ? "" : scope, null,
                issuedAt));
    }

    private static Audience audience(String name) {
        Audience audience = switch (name) {
            case "cli" -> Audience.CLI;
            case "app", "webapp" -> Audience.APP;
            case "konn", "konnector" -> Audience.KONNECTOR;
            case "access", "access-token" -> Audience.ACCESS;
            case "refresh", "refresh-token" -> Audience.REFRESH;
            default -> null;
        };
        if (audience == null) {
            throw StatusException.badRequest("Unknown audience " + name);
        }
        return audience;
    }

    /** Registers an OAuth client for tools and tests, as {@code POST /auth/register} would. */
    private void oauthClient(Call call) throws IOException {
        AdminParams p = new AdminParams(call);
        Instance instance = instances.get(p.required("Domain"));
        ObjectNode metadata = Json.mapper().createObjectNode();
        metadata.putArray("redirect_uris").add(p.required("RedirectURI"));
        metadata.put("client_name", p.required("ClientName"));
        metadata.put("software_id", p.required("SoftwareID"));
        call.json(200, clients.register(instance.domain(), metadata));
    }

    private Resource resource(Instance instance) {
        return InstanceJson.resource(instance, passphrases.isDefined(instance.domain()));
    }
}
