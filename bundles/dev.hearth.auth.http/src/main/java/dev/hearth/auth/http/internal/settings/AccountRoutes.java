package dev.hearth.auth.http.internal.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.LoginThrottle;
import dev.hearth.auth.OAuthClients;
import dev.hearth.auth.Passphrases;
import dev.hearth.auth.Session;
import dev.hearth.auth.Sessions;
import dev.hearth.auth.TwoFactor;
import dev.hearth.auth.Verb;
import dev.hearth.auth.http.internal.Browser;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.common.jsonapi.Resource;
import dev.hearth.instances.InstanceService;
import dev.hearth.web.Call;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /settings}: the passphrase (onboarding, change, parameters, hint), two-factor
 * authentication, the sessions and the OAuth clients.
 */
final class AccountRoutes {

    private final InstanceService instances;
    private final Sessions sessions;
    private final Passphrases passphrases;
    private final OAuthClients clients;
    private final TwoFactor twoFactor;
    private final LoginThrottle throttle;

    AccountRoutes(
            InstanceService instances,
            Sessions sessions,
            Passphrases passphrases,
            OAuthClients clients,
            TwoFactor twoFactor,
            LoginThrottle throttle) {
        this.instances = instances;
        this.sessions = sessions;
        this.passphrases = passphrases;
        this.clients = clients;
        this.twoFactor = twoFactor;
        this.throttle = throttle;
    }

    /** Public, like a password manager's pre-login: the salt and iterations to hash with. */
    void passphraseParams(Call call) throws IOException {
        Passphrases.KdfParams kdf = passphrases.params(call.context().domain());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("salt", kdf.salt());
        body.put("kdf", kdf.kdf());
        body.put("iterations", kdf.iterations());
        call.json(200, body);
    }

    /** Onboarding, from the form of {@code /auth/passphrase} or as JSON; opens a session. */
    void register(Call call) throws IOException {
        boolean json = isJson(call.request());
        ObjectNode body = json ? call.jsonBody() : null;
        String token = field(call, body, "register_token");
        String hash = field(call, body, "passphrase");
        String hint = field(call, body, "hint");
        int iterations = parseIterations(field(call, body, "iterations"));
        String domain = call.context().domain();
        passphrases.register(
                domain, token == null ? "" : token, hash, iterations, hint == null || hint.isBlank() ? null : hint);
        Browser browser = new Browser(call, instances, sessions);
        browser.openSession(sessions.create(domain, false, false));
        if (json) {
            call.noContent();
        } else {
            call.seeOther(browser.home());
        }
    }

    void changePassphrase(Call call) throws IOException {
        call.context().requireWholeType(Verb.PUT, Doctypes.SETTINGS);
        ObjectNode body = call.jsonBody();
        String domain = call.context().domain();
        passphrases.change(
                domain,
                body.path("current_passphrase").asText(""),
                body.path("new_passphrase").asText(""),
                body.path("iterations").asInt(passphrases.params(domain).iterations()));
        Session current = call.context().session().orElse(null);
        if (current != null) {
            sessions.deleteOthers(domain, current.id());
        } else {
            sessions.list(domain).forEach(s -> sessions.delete(domain, s.id()));
        }
        call.noContent();
    }

    /** 204 when the user left a hint, 404 when not: the hint itself is only sent by mail. */
    void hint(Call call) {
        call.context().requireWholeType(Verb.GET, Doctypes.SETTINGS);
        if (passphrases.hint(call.context().domain()).isEmpty()) {
            throw StatusException.notFound("No hint");
        }
        call.noContent();
    }

    void setHint(Call call) throws IOException {
        call.context().requireWholeType(Verb.PUT, Doctypes.SETTINGS);
        String hint = call.jsonBody().path("hint").asText("");
        passphrases.setHint(call.context().domain(), hint.isBlank() ? null : hint);
        call.noContent();
    }

    void listSessions(Call call) throws IOException {
        call.context().requireWholeType(Verb.GET, Doctypes.SESSIONS);
        List<Session> live = sessions.list(call.context().domain());
        List<Resource> resources = live.stream()
                .map(s -> {
                    Map<String, Object> attributes = new LinkedHashMap<>();
                    attributes.put("created_at", s.createdAt().toString());
                    attributes.put("last_seen", s.lastSeen().toString());
                    attributes.put("long_run", s.longRun());
                    attributes.put("short_run", s.shortRun());
                    return Resource.of(Doctypes.SESSIONS, s.id(), attributes, "/settings/sessions/" + s.id());
                })
                .toList();
        call.jsonApi(200, Document.list(resources, resources.size(), null));
    }

    void twoFactorState(Call call) throws IOException {
        call.context().requireWholeType(Verb.GET, Doctypes.SETTINGS);
        call.json(200, Map.of("enabled", twoFactor.isEnabled(call.context().domain())));
    }

    /** Starting needs the passphrase too: a settings token alone must not lock the user out. */
    void beginTwoFactor(Call call) throws IOException {
        call.context().requireWholeType(Verb.PUT, Doctypes.SETTINGS);
        String domain = call.context().domain();
        String passphrase = call.jsonBody().path("passphrase").asText("");
        if (!throttle.attempt(domain, call.request().getRemoteAddr(), () -> passphrases.check(domain, passphrase))) {
            throw ApiException.badRequest(Passphrases.INVALID);
        }
        TwoFactor.Setup setup = twoFactor.begin(domain);
        call.json(200, Map.of("secret", setup.secret(), "otpauth_uri", setup.otpauthUri()));
    }

    void confirmTwoFactor(Call call) throws IOException {
        call.context().requireWholeType(Verb.PUT, Doctypes.SETTINGS);
        List<String> codes = twoFactor.confirm(
                call.context().domain(), call.jsonBody().path("passcode").asText(""));
        call.json(200, Map.of("recovery_codes", codes));
    }

    void disableTwoFactor(Call call) throws IOException {
        call.context().requireWholeType(Verb.PUT, Doctypes.SETTINGS);
        twoFactor.disable(
                call.context().domain(), call.jsonBody().path("passcode").asText(""));
        call.noContent();
    }

    void listClients(Call call) throws IOException {
        call.context().requireWholeType(Verb.GET, Doctypes.OAUTH_CLIENTS);
        List<Resource> resources = clients.list(call.context().domain()).stream()
                .map(doc -> {
                    ObjectNode attributes = doc.deepCopy();
                    String id = attributes.remove("_id").asText();
                    String rev = attributes.remove("_rev").asText();
                    attributes.remove("client_secret");
                    return Resource.withRev(Doctypes.OAUTH_CLIENTS, id, rev, attributes, "/settings/clients/" + id);
                })
                .toList();
        call.jsonApi(200, Document.list(resources, resources.size(), null));
    }

    void deleteClient(Call call) {
        call.context().requireWholeType(Verb.DELETE, Doctypes.OAUTH_CLIENTS);
        String id = call.param("id");
        if (!clients.exists(call.context().domain(), id)) {
            throw StatusException.notFound("Client not found");
        }
        clients.delete(call.context().domain(), id);
        call.noContent();
    }

    static void require(Call call, Verb verb, String doctype) {
        call.context().requireWholeType(verb, doctype);
    }

    private static boolean isJson(HttpServletRequest req) {
        String type = req.getContentType();
        return type != null && type.startsWith("application/json");
    }

    private static String field(Call call, ObjectNode json, String name) {
        if (json != null) {
            return json.hasNonNull(name) ? json.get(name).asText() : null;
        }
        return call.request().getParameter(name);
    }

    private static int parseIterations(String value) {
        if (value == null || value.isBlank()) {
            return Passphrases.DEFAULT_ITERATIONS;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter("iterations", "Not a number");
        }
    }
}
