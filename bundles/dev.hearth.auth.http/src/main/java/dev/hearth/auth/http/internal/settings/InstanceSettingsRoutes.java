package dev.hearth.auth.http.internal.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.common.jsonapi.Resource;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.InstanceSettings;
import dev.hearth.instances.SubdomainMode;
import dev.hearth.web.Call;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The instance's settings document ({@code io.cozy.settings.instance}: what the user may edit,
 * merged with what the server knows of the instance), and the read-only settings: capabilities,
 * context, feature flags, disk usage.
 */
final class InstanceSettingsRoutes {
    static final String INSTANCE_ID = "io.cozy.settings.instance";

    private final InstanceService instances;

    InstanceSettingsRoutes(InstanceService instances) {
        this.instances = instances;
    }

    void show(Call call) throws IOException {
        requireDocument(call, Verb.GET);
        Instance instance = call.context().instance();
        call.jsonApi(200, Document.single(resource(instance, instances.settings(instance.domain()))));
    }

    void update(Call call) throws IOException {
        requireDocument(call, Verb.PUT);
        JsonNode data = call.jsonBody().path("data");
        JsonNode attributes = data.path("attributes");
        if (!attributes.isObject()) {
            throw ApiException.badRequest("The body must be a JSON:API document with attributes");
        }
        String domain = call.context().instance().domain();
        InstanceSettings settings =
                instances.updateSettings(domain, data.path("meta").path("rev").asText(""), (ObjectNode) attributes);
        call.jsonApi(200, Document.single(resource(instances.get(domain), settings)));
    }

    void capabilities(Call call) throws IOException {
        call.context().auth();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("file_versioning", false);
        attributes.put("flat_subdomains", instances.subdomainMode() == SubdomainMode.FLAT);
        attributes.put("can_auth_with_password", true);
        attributes.put("can_auth_with_magic_links", false);
        attributes.put("can_auth_with_oidc", false);
        constant(call, "io.cozy.settings.capabilities", attributes);
    }

    void context(Call call) throws IOException {
        constant(call, "io.cozy.settings.context", Map.of());
    }

    void flags(Call call) throws IOException {
        constant(call, "io.cozy.settings.flags", Map.of());
    }

    private static void constant(Call call, String id, Map<String, Object> attributes) throws IOException {
        call.context().auth();
        call.jsonApi(
                200,
                Document.single(Resource.of(
                        Doctypes.SETTINGS, id, attributes, "/settings/" + id.substring("io.cozy.settings.".length()))));
    }

    private static void requireDocument(Call call, Verb verb) {
        call.context().requireDocument(verb, Doctypes.SETTINGS, INSTANCE_ID);
    }

    private Resource resource(Instance instance, InstanceSettings settings) {
        ObjectNode attributes = settings.attributes();
        String rev = settings.rev();
        attributes.put("context", instance.contextName());
        attributes.put("auth_mode", instance.authMode());
        attributes.put("password_defined", instance.passwordDefined());
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
