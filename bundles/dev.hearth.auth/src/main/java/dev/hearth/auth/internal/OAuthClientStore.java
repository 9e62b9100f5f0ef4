package dev.hearth.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Audience;
import dev.hearth.auth.OAuthClients;
import dev.hearth.auth.OAuthException;
import dev.hearth.auth.TokenService;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.instances.InstanceService;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link OAuthClients} as {@code io.cozy.oauth.clients} documents of the instance. */
@Component
public final class OAuthClientStore implements OAuthClients {
    /** The metadata a client may set, as RFC 7591 and Cozy name them. */
    static final Set<String> METADATA = Set.of(
            "redirect_uris",
            "client_name",
            "client_kind",
            "client_uri",
            "logo_uri",
            "policy_uri",
            "software_id",
            "software_version",
            "notification_platform",
            "notification_device_token");

    private static final Set<String> TEXT_LIMITED = Set.of("client_name", "software_id", "software_version");
    private static final int MAX_TEXT = 256;

    private final InstanceService instances;
    private final DataService data;
    private final TokenService tokens;

    @Activate
    public OAuthClientStore(
            @Reference InstanceService instances, @Reference DataService data, @Reference TokenService tokens) {
        this.instances = instances;
        this.data = data;
        this.tokens = tokens;
    }

    @Override
    public ObjectNode register(String domain, ObjectNode metadata) {
        ObjectNode doc = validated(metadata);
        String id = Ids.newId();
        doc.put("_id", id);
        doc.put("client_secret", Ids.randomBase64Url(32));
        doc.put("created_at", Instant.now().toString());
        Docs.save(db(domain), doc);
        ObjectNode answer = describe(doc);
        answer.put(
                "registration_access_token", tokens.mint(domain, Audience.REGISTRATION, id, "", null, Instant.now()));
        return answer;
    }

    @Override
    public Optional<ObjectNode> find(String domain, String clientId) {
        if (clientId == null || clientId.isEmpty() || clientId.startsWith("_")) {
            return Optional.empty();
        }
        return Docs.get(db(domain), clientId);
    }

    @Override
    public ObjectNode update(String domain, String clientId, ObjectNode metadata) {
        ObjectNode current = existing(domain, clientId);
        JsonNode sentId = metadata.get("client_id");
        if (sentId != null && !sentId.asText().equals(clientId)) {
            throw OAuthException.badRequest("invalid_client_id", "client_id does not match");
        }
        ObjectNode doc = validated(metadata);
        doc.put("_id", clientId);
        doc.put("_rev", current.path("_rev").asText());
        doc.put("created_at", current.path("created_at").asText());
        String secret = current.path("client_secret").asText();
        JsonNode sentSecret = metadata.get("client_secret");
        boolean rotate = sentSecret != null && equal(sentSecret.asText(), secret);
        if (sentSecret != null && !rotate) {
            throw OAuthException.badRequest("invalid_client_secret", "client_secret does not match");
        }
        doc.put("client_secret", rotate ? Ids.randomBase64Url(32) : secret);
        Docs.save(db(domain), doc);
        return describe(doc);
    }

    @Override
    public ObjectNode describe(String domain, String clientId) {
        return describe(existing(domain, clientId));
    }

    @Override
    public boolean checkSecret(String domain, String clientId, String secret) {
        return secret != null
                && find(domain, clientId)
                        .map(doc -> equal(secret, doc.path("client_secret").asText()))
                        .orElse(false);
    }

    @Override
    public List<ObjectNode> list(String domain) {
        return Docs.all(db(domain)).stream()
                .sorted(Comparator.comparing(d -> d.path("created_at").asText()))
                .toList();
    }

    @Override
    public void delete(String domain, String clientId) {
        find(domain, clientId).ifPresent(doc -> Docs.delete(db(domain), doc));
    }

    private ObjectNode existing(String domain, String clientId) {
        return find(domain, clientId).orElseThrow(() -> StatusException.notFound("Client not found"));
    }

    private static ObjectNode describe(ObjectNode doc) {
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("client_id", doc.path("_id").asText());
        answer.put("client_secret", doc.path("client_secret").asText());
        answer.put("client_secret_expires_at", 0);
        for (String field : METADATA) {
            if (doc.has(field)) {
                answer.set(field, doc.get(field));
            }
        }
        answer.putArray("grant_types").add("authorization_code").add("refresh_token");
        answer.putArray("response_types").add("code");
        return answer;
    }

    /** The metadata of a request, checked, as the fields of a client document. */
    static ObjectNode validated(ObjectNode metadata) {
        ObjectNode doc = Json.mapper().createObjectNode();
        JsonNode uris = metadata.get("redirect_uris");
        if (uris == null || !uris.isArray() || uris.isEmpty()) {
            throw OAuthException.badRequest("invalid_redirect_uri", "redirect_uris is mandatory");
        }
        ArrayNode checked = doc.putArray("redirect_uris");
        for (JsonNode uri : uris) {
            checked.add(redirectUri(uri));
        }
        for (String field : List.of("client_name", "software_id")) {
            if (!metadata.path(field).isTextual()
                    || metadata.path(field).asText().isBlank()) {
                throw OAuthException.badRequest("invalid_client_metadata", field + " is mandatory");
            }
        }
        for (String field : METADATA) {
            JsonNode value = metadata.get(field);
            if (field.equals("redirect_uris") || value == null || value.isNull()) {
                continue;
            }
            if (!value.isTextual()
                    || TEXT_LIMITED.contains(field) && value.asText().length() > MAX_TEXT) {
                throw OAuthException.badRequest("invalid_client_metadata", field + " must be a short string");
            }
            doc.put(field, value.asText());
        }
        if (!doc.has("client_kind")) {
            doc.put("client_kind", "unknown");
        }
        return doc;
    }

    /** An absolute URI without fragment, and not a script or data URI. */
    private static String redirectUri(JsonNode node) {
        String text = node.asText("");
        try {
            URI uri = new URI(text);
            if (!node.isTextual() || !uri.isAbsolute() || uri.getRawFragment() != null) {
                throw new URISyntaxException(text, "not an absolute URI without fragment");
            }
            if (uri.getScheme().equalsIgnoreCase("javascript")
                    || uri.getScheme().equalsIgnoreCase("data")) {
                throw new URISyntaxException(text, "forbidden scheme");
            }
            return text;
        } catch (URISyntaxException e) {
            throw OAuthException.badRequest("invalid_redirect_uri", text + " is not a valid redirect URI");
        }
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private Database db(String domain) {
        return data.database(instances.get(domain).domain(), Doctypes.OAUTH_CLIENTS);
    }
}
