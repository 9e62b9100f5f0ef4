package dev.hearth.apps.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppType;
import dev.hearth.apps.Installation;
import dev.hearth.auth.Audience;
import dev.hearth.auth.AuthContext;
import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.common.jsonapi.Resource;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.SubdomainMode;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.Page;
import dev.hearth.web.Routes;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /apps} and {@code /konnectors} ({@code cozy-api.md} 2.6): install from a source, update,
 * list, show and uninstall the apps of the instance, as JSON:API {@code io.cozy.apps} (or {@code
 * io.cozy.konnectors}) resources. Each route needs the matching verb on the whole doctype.
 */
@Component
@OnInstanceHosts
public final class AppsArea implements HttpArea {
    private static final int PAGE = 100;

    private final AppInstallations installations;
    private final InstanceService instances;

    @Activate
    public AppsArea(@Reference AppInstallations installations, @Reference InstanceService instances) {
        this.installations = installations;
        this.instances = instances;
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.JSON_API)
                .get("/apps", call -> list(call, AppType.WEBAPP))
                .get("/apps/:slug", call -> show(call, AppType.WEBAPP))
                .post("/apps/:slug", call -> install(call, AppType.WEBAPP))
                .put("/apps/:slug", call -> update(call, AppType.WEBAPP))
                .delete("/apps/:slug", call -> uninstall(call, AppType.WEBAPP))
                .get("/konnectors", call -> list(call, AppType.KONNECTOR))
                .get("/konnectors/:slug", call -> show(call, AppType.KONNECTOR))
                .post("/konnectors/:slug", call -> install(call, AppType.KONNECTOR))
                .put("/konnectors/:slug", call -> update(call, AppType.KONNECTOR))
                .delete("/konnectors/:slug", call -> uninstall(call, AppType.KONNECTOR));
    }

    private void list(Call call, AppType type) throws IOException {
        call.context().requireWholeType(Verb.GET, doctype(type));
        List<Installation> all = installations.list(call.context().domain(), type);
        Page page = Page.of(call, PAGE, PAGE);
        List<Resource> resources =
                page.slice(all).stream().map(i -> resource(call, i)).toList();
        call.jsonApi(200, Document.list(resources, all.size(), page.next("/" + path(type), all.size())));
    }

    private void show(Call call, AppType type) throws IOException {
        call.context().requireWholeType(Verb.GET, doctype(type));
        Installation installed = installations
                .find(call.context().domain(), type, call.param("slug"))
                .orElseThrow(() -> ApiException.notFound("Application is not installed"));
        call.jsonApi(200, Document.single(resource(call, installed)));
    }

    /**
     * Installs at once: the archive is read or downloaded first, so the answer is the app, ready.
     * Without a source, the latest stable version in the context's registries ({@code
     * registry://<slug>/stable}), as cozy-stack defaults.
     */
    private void install(Call call, AppType type) throws IOException {
        AuthContext caller = call.context().requireWholeType(Verb.POST, doctype(type));
        String source = call.query("Source");
        if (source == null || source.isBlank()) {
            source = "registry://" + call.param("slug") + "/stable";
        }
        checkSource(caller, source);
        String domain = call.context().domain();
        String slug = call.param("slug");
        String from = source;
        if (InstallStream.wanted(call.header("Accept"))) {
            InstallStream.run(
                    call.response(),
                    starting(type, slug, from, "installing"),
                    () -> Document.single(resource(call, installations.install(domain, type, slug, from))));
            return;
        }
        Installation installed = installations.install(domain, type, slug, source);
        call.jsonApi(202, Document.single(resource(call, installed)));
    }

    /**
     * Updates at once, from {@code Source} or else the stored source; with new permissions not
     * acknowledged ({@code PermissionsAcked=true}), the answer is the app as it is, with the new
     * version as {@code available_version}. 202 either way, as cozy-stack answers without a stream.
     */
    private void update(Call call, AppType type) throws IOException {
        AuthContext caller = call.context().requireWholeType(Verb.PUT, doctype(type));
        String domain = call.context().domain();
        String slug = call.param("slug");
        String source = call.query("Source");
        if (source == null || source.isBlank()) {
            source = null;
            installations.find(domain, type, slug).ifPresent(i -> checkSource(caller, i.source()));
        } else {
            checkSource(caller, source);
        }
        boolean acked = Boolean.parseBoolean(call.query("PermissionsAcked"));
        if (InstallStream.wanted(call.header("Accept"))) {
            String from = source;
            InstallStream.run(
                    call.response(),
                    starting(type, slug, from == null ? "" : from, "upgrading"),
                    () -> Document.single(resource(call, installations.update(domain, type, slug, from, acked))));
            return;
        }
        Installation updated = installations.update(domain, type, slug, source, acked);
        call.jsonApi(202, Document.single(resource(call, updated)));
    }

    /**
     * A {@code file:} source names a file of the server's machine: the operator's, through a cli
     * token. An {@code http(s):} source makes the server fetch any address it can reach, its own
     * network included: the operator's too. Apps install from the registries ({@code
     * registry://}) the operator chose for the instance's context.
     */
    private static void checkSource(AuthContext caller, String source) {
        if (caller.audience() == Audience.CLI) {
            return;
        }
        if (source.regionMatches(true, 0, "file:", 0, 5)) {
            throw ApiException.forbidden("Only the command line may install from a file of the server");
        }
        if (source.regionMatches(true, 0, "http:", 0, 5) || source.regionMatches(true, 0, "https:", 0, 6)) {
            throw ApiException.forbidden("Only the command line may install from a URL; use a registry:// source");
        }
    }

    private void uninstall(Call call, AppType type) throws IOException {
        call.context().requireWholeType(Verb.DELETE, doctype(type));
        Installation removed = installations.uninstall(call.context().domain(), type, call.param("slug"));
        call.jsonApi(200, Document.single(resource(call, removed)));
    }

    /** The app as the stream first shows it, before anything is read: its slug, source and state. */
    private static Document starting(AppType type, String slug, String source, String state) {
        ObjectNode attributes = Json.mapper().createObjectNode();
        attributes.put("slug", slug);
        attributes.put("source", source);
        attributes.put("state", state);
        String id = doctype(type) + "/" + slug;
        return Document.single(new Resource(
                doctype(type), id, attributes, Map.of(), Map.of("self", "/" + path(type) + "/" + slug), null));
    }

    /** The app as cozy-stack shows it: its document's fields, its rev, and where it lives. */
    private Resource resource(Call call, Installation installed) {
        ObjectNode attributes = installed.document();
        attributes.remove("_id");
        attributes.remove("_rev");
        String self = "/" + path(installed.type()) + "/" + installed.slug();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put("icon", self + "/icon/" + installed.version());
        if (installed.type() == AppType.WEBAPP) {
            links.put("related", appUrl(call, installed.slug()));
        }
        return new Resource(
                doctype(installed.type()), installed.id(), attributes, Map.of("rev", installed.rev()), links, null);
    }

    private String appUrl(Call call, String slug) {
        String domain = call.context().domain();
        String host = instances.subdomainMode() == SubdomainMode.FLAT
                ? domain.replaceFirst("^([^.]+)\\.", "$1-" + slug + ".")
                : slug + "." + domain;
        return call.request().getScheme() + "://" + host + "/";
    }

    private static String doctype(AppType type) {
        return type == AppType.WEBAPP ? Doctypes.APPS : Doctypes.KONNECTORS;
    }

    private static String path(AppType type) {
        return type == AppType.WEBAPP ? "apps" : "konnectors";
    }
}
