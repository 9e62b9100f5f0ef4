package dev.hearth.auth.http.internal.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Passphrases;
import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.common.jsonapi.Resource;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceChanges;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.SubdomainMode;
import dev.hearth.web.Call;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The instance's settings document ({@code io.cozy.settings.instance}: what the user may edit,
 * merged with what the server knows of the instance), and the read-only settings: capabilities,
 * context, feature flags, disk usage.
 */
final class InstanceSettingsRoutes {
    static final String INSTANCE_ID = "io.cozy.settings.instance";
    /** Attributes the server computes: a PUT cannot set them. */
    private static final Set<String> COMPUTED = Set.of("context", "password_defined", "auth_mode", "uuid",
            "onboarding_finished", "default_redirection");

    private final InstanceService instances;
    private final DataService data;
    private final Passphrases passphrases;

    InstanceSettingsRoutes(InstanceService instances, DataService data,
            Passphrases passphrases) {
        this.instances = instances;
        this.data = data;
        this.passphrases = passphrases;
    }

    void show(Call call) throws IOException {
        requireDocument(call, Verb.GET);
        ObjectNode doc = document(call.context().instance());
        call.jsonApi(200, Document.single(resource(call.context().instance(), doc)));
    }

    void update(Call call) throws IOException {
        requireDocument(call, Verb.PUT);
        JsonNode data = call.jsonBody().path("data");
        JsonNode attributes = data.path("attributes");
        if (!attributes.isObject()) {
            throw ApiException.badRequest("The body must be a JSON:API document with attributes");
        }
        Instance instance = call.context().instance();
        ObjectNode doc = document(instance);
        String rev = data.path("meta").path("rev").asText("");
        if (!rev.equals(doc.path("_rev").asText())) {
            throw ApiException.conflict("Document update conflict");
        }
        ObjectNode updated = Json.mapper().createObjectNode();
        updated.put("_id", INSTANCE_ID);
        updated.put("_rev", rev);
        attributes.fields().forEachRemaining(e -> {
            if (!COMPUTED.contains(e.getKey())) {
                updated.set(e.getKey(), e.getValue());
            }
        });
        WriteResult saved = db(instance).save(updated);
        updated.put("_rev", saved.rev());
        instance = instances.modify(instance.domain(), new InstanceChanges(text(updated, "locale"), text(updated, "email"),
                text(updated, "public_name"), text(updated, "timezone"), null, null, null, null, null, null, null));
        call.jsonApi(200, Document.single(resource(instance, updated)));
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

    /** Zeros until the file store counts what it holds. */
    void diskUsage(Call call) throws IOException {
        call.context().requireWholeType(Verb.GET, Doctypes.SETTINGS);
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

    void context(Call call) throws IOException {
        constant(call, "io.cozy.settings.context", Map.of());
    }

    void flags(Call call) throws IOException {
        constant(call, "io.cozy.settings.flags", Map.of());
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

    /** The settings document, created from the instance's fields on first use. */
    private ObjectNode document(Instance instance) {
        Database db = db(instance);
        try {
            return Documents.json(db.get(INSTANCE_ID, null, false));
        } catch (CouchException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", INSTANCE_ID);
        doc.put("locale", instance.locale());
        putIfSet(doc, "email", instance.email());
        putIfSet(doc, "public_name", instance.publicName());
        putIfSet(doc, "timezone", instance.timezone());
        doc.put("_rev", db.save(doc).rev());
        return doc;
    }

    private Resource resource(Instance instance, ObjectNode doc) {
        ObjectNode attributes = doc.deepCopy();
        attributes.remove("_id");
        String rev = attributes.remove("_rev").asText();
        attributes.put("context", instance.contextName());
        attributes.put("auth_mode", instance.authMode());
        attributes.put("password_defined", passphrases.isDefined(instance.domain()));
        attributes.put("onboarding_finished", instance.onboardingFinished());
        attributes.put("default_redirection", "drive/#/folder");
        putIfSet(attributes, "uuid", instance.uuid());
        return Resource.withRev(Doctypes.SETTINGS, INSTANCE_ID, rev, attributes, "/settings/instance");
    }

    private Database db(Instance instance) {
        return data.database(instance.domain(), Doctypes.SETTINGS);
    }

    private static String text(ObjectNode doc, String field) {
        JsonNode value = doc.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
