package dev.hearth.auth.http.internal.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Audience;
import dev.hearth.auth.AuthContext;
import dev.hearth.auth.Claims;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Rule;
import dev.hearth.auth.Shares;
import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.common.jsonapi.Resource;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.Page;
import dev.hearth.web.Routes;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /permissions}: the caller's own permissions, and share-by-link sets. Only apps, OAuth
 * clients and command-line tokens may share, and only what they may do themselves; a set is
 * visible and editable by whoever could have created it.
 */
@Component
@OnInstanceHosts
public final class PermissionsArea implements HttpArea {
    private static final Set<Audience> SHARERS = EnumSet.of(Audience.APP, Audience.ACCESS, Audience.CLI);
    private static final int DEFAULT_PAGE = 30;
    private static final int MAX_PAGE = 100;

    private final Shares shares;

    @Activate
    public PermissionsArea(@Reference Shares shares) {
        this.shares = shares;
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.JSON_API)
                .get("/permissions/self", this::self)
                .post("/permissions", this::create)
                .post("/permissions/exists", this::exists)
                .get("/permissions/doctype/:doctype/shared-by-link", this::sharedByLink)
                .get("/permissions/doctype/:doctype/sharedByLink", this::sharedByLink)
                .get("/permissions/:id", this::show)
                .patch("/permissions/:id", this::update)
                .delete("/permissions/:id", this::delete);
    }

    private void self(Call call) throws IOException {
        AuthContext caller = call.context().auth();
        Claims claims = caller.claims();
        if (claims.audience() == Audience.SHARE) {
            Shares.Share share = shares.find(caller.domain(), claims.subject())
                    .orElseThrow(() -> ApiException.notFound("Permission not found"));
            call.jsonApi(200, Document.single(ShareJson.resource(share, false)));
            return;
        }
        String kind = switch (claims.audience()) {
            case CLI -> "cli";
            case ACCESS -> "oauth";
            case APP -> "app";
            case KONNECTOR -> "konnector";
            default -> "share";
        };
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", kind);
        if (!claims.subject().isEmpty()) {
            attributes.put("source_id", sourceId(claims));
        }
        attributes.put("permissions", caller.permissions().toJson());
        String id = claims.subject().isEmpty() ? kind : claims.subject();
        call.jsonApi(200, Document.single(Resource.of(Doctypes.PERMISSIONS, id, attributes, "/permissions/self")));
    }

    private void create(Call call) throws IOException {
        AuthContext caller = call.context().auth();
        if (!SHARERS.contains(caller.audience())) {
            throw StatusException.forbidden("Forbidden");
        }
        JsonNode attributes = call.jsonBody().path("data").path("attributes");
        PermissionSet rules = PermissionSet.fromJson(attributes.path("permissions"));
        String codes = call.query("codes");
        String ttl = call.query("ttl");
        JsonNode password = attributes.get("password");
        Shares.Share share = shares.create(
                caller.domain(),
                caller.permissions(),
                new Shares.NewShare(
                        sourceId(caller.claims()),
                        rules,
                        codes == null || codes.isBlank() ? List.of() : List.of(codes.split(",")),
                        "true".equals(call.query("tiny")) || "true".equals(call.query("tinycode")),
                        ttl == null || ttl.isBlank() ? null : Shares.parseTtl(ttl),
                        password != null && password.isTextual() ? password.asText() : null));
        call.jsonApi(200, Document.single(ShareJson.resource(share, true)));
    }

    private void show(Call call) throws IOException {
        AuthContext caller = call.context().auth();
        Shares.Share share = visible(call);
        boolean own =
                caller.audience() == Audience.SHARE && caller.claims().subject().equals(share.id());
        call.jsonApi(200, Document.single(ShareJson.resource(share, !own)));
    }

    private void update(Call call) throws IOException {
        Shares.Share share = editable(call);
        JsonNode attributes = call.jsonBody().path("data").path("attributes");
        AuthContext caller = call.context().auth();
        call.jsonApi(
                200,
                Document.single(ShareJson.resource(
                        shares.update(caller.domain(), share.id(), caller.permissions(), attributes), true)));
    }

    private void delete(Call call) {
        Shares.Share share = editable(call);
        shares.delete(call.context().domain(), share.id());
        call.noContent();
    }

    /** Which of the given documents are shared by link, and with which verbs. */
    private void exists(Call call) throws IOException {
        AuthContext caller = call.context().auth();
        JsonNode wanted = call.jsonBody().path("data");
        if (!wanted.isArray()) {
            throw ApiException.badRequest("The body must have a data array of {type, id}");
        }
        List<Shares.Share> live = shares.list(caller.domain()).stream()
                .filter(s -> !s.expiredAt(Instant.now()))
                .toList();
        ObjectNode answer = Json.mapper().createObjectNode();
        ArrayNode data = answer.putArray("data");
        for (JsonNode item : wanted) {
            String type = item.path("type").asText();
            String id = item.path("id").asText();
            if (!caller.permissions().allowsId(Verb.GET, type, id)) {
                continue;
            }
            Set<Verb> verbs = sharedVerbs(live, type, id);
            if (!verbs.isEmpty()) {
                ObjectNode out = data.addObject().put("type", type).put("id", id);
                ArrayNode list = out.putArray("verbs");
                verbs.forEach(v -> list.add(v.name()));
            }
        }
        call.json(200, answer);
    }

    private static Set<Verb> sharedVerbs(List<Shares.Share> live, String type, String id) {
        Set<Verb> verbs = EnumSet.noneOf(Verb.class);
        for (Shares.Share share : live) {
            for (Rule rule : share.permissions().rules()) {
                if (rule.type().equals(type)
                        && rule.selector() == null
                        && rule.values().contains(id)) {
                    verbs.addAll(rule.verbs().isEmpty() ? EnumSet.allOf(Verb.class) : rule.verbs());
                }
            }
        }
        return verbs;
    }

    private void sharedByLink(Call call) throws IOException {
        String doctype = call.param("doctype");
        AuthContext caller = call.context().requireWholeType(Verb.GET, doctype);
        List<Resource> all = new ArrayList<>();
        for (Shares.Share share : shares.list(caller.domain())) {
            if (share.permissions().rules().stream().anyMatch(r -> r.type().equals(doctype))) {
                all.add(ShareJson.resource(share, true));
            }
        }
        Page page = Page.of(call, DEFAULT_PAGE, MAX_PAGE);
        String path = "/permissions/doctype/" + URLEncoder.encode(doctype, StandardCharsets.UTF_8) + "/shared-by-link";
        call.jsonApi(200, Document.list(page.slice(all), all.size(), page.next(path, all.size())));
    }

    /** The set, if the caller could have created it (or is a code of it). */
    private Shares.Share visible(Call call) {
        AuthContext caller = call.context().auth();
        Shares.Share share = shares.find(caller.domain(), call.param("id"))
                .orElseThrow(() -> ApiException.notFound("Permission not found"));
        boolean own =
                caller.audience() == Audience.SHARE && caller.claims().subject().equals(share.id());
        if (!own && !share.permissions().isSubsetOf(caller.permissions())) {
            throw StatusException.forbidden("Forbidden");
        }
        return share;
    }

    private Shares.Share editable(Call call) {
        if (!SHARERS.contains(call.context().auth().audience())) {
            throw StatusException.forbidden("Forbidden");
        }
        return visible(call);
    }

    private static String sourceId(Claims claims) {
        return switch (claims.audience()) {
            case APP -> "io.cozy.apps/" + claims.subject();
            case KONNECTOR -> "io.cozy.konnectors/" + claims.subject();
            case ACCESS -> "io.cozy.oauth.clients/" + claims.subject();
            default -> claims.audience().code();
        };
    }
}
