package dev.hearth.apps.internal.intents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.Intents.Intent;
import dev.hearth.apps.Intents.Request;
import dev.hearth.apps.Intents.Service;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Intent documents as cozy-stack writes them: {@code action}, {@code type}, {@code permissions},
 * the {@code client} as {@code io.cozy.apps/<slug>}, the {@code services} and {@code
 * availableApps} (always null: Hearth asks no registry for apps to install). The data the client
 * sends with an intent is not stored, as in cozy-stack: it travels between the apps only.
 */
final class IntentDocs {
    static final String CLIENT_PREFIX = "io.cozy.apps/";

    private IntentDocs() {}

    /**
     * Stores a new intent; its id is chosen first, so the services' hrefs carry it from the first
     * write.
     *
     * @return the new revision
     */
    static String save(Database db, String id, Request request, String client, List<Service> services) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", id);
        doc.put("action", request.action());
        doc.put("type", request.type());
        ArrayNode permissions = doc.putArray("permissions");
        request.permissions().forEach(permissions::add);
        doc.put("client", client);
        ArrayNode list = doc.putArray("services");
        services.forEach(s -> list.addObject().put("slug", s.slug()).put("href", s.href()));
        doc.putNull("availableApps");
        WriteResult saved = db.save(doc);
        if (!saved.isOk()) {
            throw new CouchException(409, "conflict", "Document update conflict.");
        }
        return saved.rev();
    }

    /**
     * The intent {@code id}, with an empty client origin; empty when there is no such intent or
     * the id cannot name one.
     */
    static Optional<Intent> find(Database db, String id) {
        if (id.isEmpty() || id.startsWith("_") || !db.exists()) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(Documents.json(db.get(id, null, false))));
        } catch (CouchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The slug of a client stored as {@code io.cozy.apps/<slug>}, else the empty string. */
    static String clientSlug(String client) {
        return client.startsWith(CLIENT_PREFIX) ? client.substring(CLIENT_PREFIX.length()) : "";
    }

    private static Intent of(ObjectNode doc) {
        List<String> permissions = new ArrayList<>();
        doc.path("permissions").forEach(p -> permissions.add(p.asText()));
        List<Service> services = new ArrayList<>();
        for (JsonNode s : doc.path("services")) {
            services.add(new Service(s.path("slug").asText(), s.path("href").asText()));
        }
        return new Intent(
                doc.path("_id").asText(),
                doc.path("_rev").asText(),
                doc.path("action").asText(),
                doc.path("type").asText(),
                permissions,
                doc.path("client").asText(),
                "",
                services);
    }
}
