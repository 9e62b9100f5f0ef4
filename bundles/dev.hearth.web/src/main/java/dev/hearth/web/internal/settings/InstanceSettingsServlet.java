package dev.hearth.web.internal.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Passphrases;
import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.common.jsonapi.Resource;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.InstanceSettings;
import dev.hearth.instances.SubdomainMode;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.Routes;
import dev.hearth.web.WebConstants;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * The instance's settings document ({@code io.cozy.settings.instance}: what the user may edit,
 * merged with what the server knows of the instance), and the read-only settings: capabilities,
 * context, feature flags, disk usage.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/settings/instance", "/settings/capabilities", "/settings/context", "/settings/flags",
        "/settings/disk-usage"})
@HttpWhiteboardTarget(WebConstants.PUBLIC_TARGET)
public final class InstanceSettingsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String INSTANCE_ID = "io.cozy.settings.instance";

    private final transient InstanceService instances;
    private final transient Passphrases passphrases;
    private final transient Routes routes = new Routes(ErrorStyle.JSON_API)
            .get("/settings/instance", this::show)
            .put("/settings/instance", this::update)
            .get("/settings/capabilities", this::capabilities)
            .get("/settings/context", call -> constant(call, "io.cozy.settings.context", Map.of()))
            .get("/settings/flags", call -> constant(call, "io.cozy.settings.flags", Map.of()))
            .get("/settings/disk-usage", this::diskUsage);

    @Activate
    public InstanceSettingsServlet(@Reference InstanceService instances, @Reference Passphrases passphrases) {
        this.instances = instances;
        this.passphrases = passphrases;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        routes.serve(req, resp);
    }

    private void show(Call call) throws IOException {
        requireDocument(call, Verb.GET);
        Instance instance = call.context().instance();
        call.jsonApi(200, Document.single(resource(instance, instances.settings(instance.domain()))));
    }

    private void update(Call call) throws IOException {
        requireDocument(call, Verb.PUT);
        JsonNode data = call.jsonBody().path("data");
        JsonNode attributes = data.path("attributes");
        if (!attributes.isObject()) {
            throw ApiException.badRequest("The body must be a JSON:API document with attributes");
        }
        String domain = call.context().instance().domain();
        InstanceSettings settings = instances.updateSettings(domain, data.path("meta").path("rev").asText(""),
                (ObjectNode) attributes);
        call.jsonApi(200, Document.single(resource(instances.get(domain), settings)));
    }

    private void capabilities(Call call) throws IOException {
        call.context().auth();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("file_versioning", false);
        attributes.put("flat_subdomains", instances.subdomainMode() == SubdomainMode.FLAT);
        attributes.put("can_auth_with_password", true);
        attributes.put("can_auth_with_magic_links", false);
        attributes.put("can_auth_with_oidc", false);
        constant(call, "io.cozy.settings.capabilities", attributes);
    }

    /** Zeros until the file store counts what it holds. */
    private void diskUsage(Call call) throws IOException {
        SettingsServlet.require(call, Verb.GET, Doctypes.SETTINGS);
        Map<String, Object> attributes = new LinkedHashMap<>();
        long quota = call.context().instance().diskQuota();
        if (quota > 0) {
            attributes.put("quota", Long.toString(quota));
        }
        attributes.put("used", "0");
        attributes.put("files", "0");
        attributes.put("versions", "0");
        constant(call, "io.cozy.settings.disk-usage", attributes);
    }

    private static void constant(Call call, String id, Map<String, Object> attributes) throws IOException {
        call.context().auth();
        call.jsonApi(200, Document.single(Resource.of(Doctypes.SETTINGS, id, attributes, "/settings/" + id
                .substring("io.cozy.settings.".length()))));
    }

    private static void requireDocument(Call call, Verb verb) {
        if (!call.context().auth().permissions().allowsId(verb, Doctypes.SETTINGS, INSTANCE_ID)) {
            throw StatusException.forbidden("Forbidden");
        }
    }

    private Resource resource(Instance instance, InstanceSettings settings) {
        ObjectNode attributes = settings.attributes();
        String rev = settings.rev();
        attributes.put("context", instance.contextName());
        attributes.put("auth_mode", instance.authMode());
        attributes.put("password_defined", passphrases.isDefined(instance.domain()));
        attributes.put("onboarding_finished", instance.onboardingFinished());
        attributes.put("default_redirection", "drive/#/folder");
        putIfSet(attributes, "uuid", instance.uuid());
        return Resource.withRev(Doctypes.SETTINGS, INSTANCE_ID, rev, attributes, "/settings/instance");
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
