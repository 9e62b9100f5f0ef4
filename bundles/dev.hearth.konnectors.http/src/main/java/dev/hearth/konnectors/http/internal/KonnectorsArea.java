package dev.hearth.konnectors.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppType;
import dev.hearth.auth.Audience;
import dev.hearth.auth.AuthContext;
import dev.hearth.auth.Claims;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.PermissionTarget;
import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.common.jsonapi.Resource;
import dev.hearth.jobs.Trigger;
import dev.hearth.konnectors.Konnectors;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.RequestContext;
import dev.hearth.web.Routes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The konnector routes beside the apps area ({@code cozy-api.md} 2.6): {@code POST
 * /konnectors/:slug/trigger} creates a konnector's {@code @cron} trigger (and runs it at once with
 * {@code ExecNow=true}), and {@code POST /konnectors/:slug/logs} and {@code POST /apps/:slug/logs}
 * take log lines {@code [{timestamp, level, msg}]} for the server's log. JSON:API errors.
 */
@Component
@OnInstanceHosts
public final class KonnectorsArea implements HttpArea {
    static final String LOGS_DOCTYPE = "io.cozy.apps.logs";
    static final int MAX_LOGS_BODY = 1 << 20;

    private final Konnectors konnectors;

    @Activate
    public KonnectorsArea(@Reference Konnectors konnectors) {
        this.konnectors = konnectors;
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.JSON_API)
                .post("/konnectors/:slug/trigger", this::trigger)
                .post("/konnectors/:slug/logs", call -> logs(call, AppType.KONNECTOR))
                .post("/apps/:slug/logs", call -> logs(call, AppType.WEBAPP));
    }

    /** Needs POST on {@code io.cozy.triggers}, for the whole doctype or the {@code konnector} worker. */
    private void trigger(Call call) throws IOException {
        AuthContext caller = call.context().auth();
        ObjectNode target = new ObjectNode(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance)
                .put("worker", Konnectors.KONNECTOR_WORKER)
                .put("type", "@cron");
        PermissionTarget trigger = PermissionTarget.of(Doctypes.TRIGGERS, "", field -> {
            JsonNode value = target.path(field);
            return value.isTextual() ? List.of(value.asText()) : List.of();
        });
        if (!caller.permissions().allows(Verb.POST, trigger)) {
            throw StatusException.forbidden(RequestContext.FORBIDDEN);
        }
        Claims claims = caller.claims();
        String createdBy = claims != null && !claims.subject().isEmpty() ? claims.subject() : null;
        String account = call.query("AccountID");
        Trigger created = konnectors.createTrigger(
                call.context().domain(),
                call.param("slug"),
                account == null || account.isEmpty() ? null : account,
                createdBy,
                "true".equals(call.query("ExecNow")));
        call.jsonApi(201, Document.single(resource(created)));
    }

    static Resource resource(Trigger trigger) {
        ObjectNode attributes = trigger.doc().deepCopy();
        attributes.remove("_id");
        attributes.remove("_rev");
        ObjectNode state =
                attributes.path("current_state") instanceof ObjectNode s ? s : attributes.putObject("current_state");
        state.put("trigger_id", trigger.id());
        if (!state.has("status")) {
            state.put("status", "done");
        }
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", "/jobs/triggers/" + trigger.id());
        return new Resource(Doctypes.TRIGGERS, trigger.id(), attributes, Map.of("rev", trigger.rev()), links, null);
    }

    /**
     * As cozy-stack: a maximal token (the command line, the flagship app) sends the logs of any
     * slug; otherwise the caller needs POST on {@value #LOGS_DOCTYPE} and is a konnector (on the
     * konnector route) or an app (on the app route), whose own slug the lines are logged under.
     */
    private void logs(Call call, AppType type) throws IOException {
        AuthContext caller = call.context().auth();
        PermissionSet permissions = caller.permissions();
        String slug = call.param("slug");
        if (!permissions.isMaximal()) {
            Claims claims = caller.claims();
            Audience expected = type == AppType.KONNECTOR ? Audience.KONNECTOR : Audience.APP;
            if (!permissions.allowsWholeType(Verb.POST, LOGS_DOCTYPE)
                    || claims == null
                    || claims.audience() != expected
                    || claims.subject().isEmpty()) {
                throw StatusException.forbidden(RequestContext.FORBIDDEN);
            }
            slug = claims.subject();
        }
        JsonNode body = call.readJson(MAX_LOGS_BODY);
        if (!body.isArray()) {
            throw ApiException.badRequest("The body must be a JSON array of log lines");
        }
        List<Konnectors.LogLine> lines = new ArrayList<>();
        for (JsonNode line : body) {
            if (!line.isObject()) {
                throw ApiException.badRequest("A log line must be a JSON object");
            }
            lines.add(new Konnectors.LogLine(
                    line.path("timestamp").asText(""),
                    line.path("level").asText(""),
                    line.path("msg").asText("")));
        }
        konnectors.log(call.context().domain(), type, slug, call.query("job_id"), call.query("version"), lines);
        call.noContent();
    }
}
