package dev.hearth.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Audience;
import dev.hearth.auth.Claims;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Shares;
import dev.hearth.auth.TokenService;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.instances.InstanceService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link Shares} as {@code io.cozy.permissions} documents. A code is a {@code share} token whose
 * subject is {@code <set id>/<code name>}, so that every code of a set is distinct and can be
 * revoked alone; it is honoured only while the set still lists it.
 */
@Component
public final class ShareStore implements Shares {
    static final String TYPE = "share";
    private static final Pattern SHORTCODE = Pattern.compile("[A-Za-z0-9]{12}");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InstanceService instances;
    private final DataService data;
    private final TokenService tokens;
    private final Clock clock;

    @Activate
    public ShareStore(
            @Reference InstanceService instances, @Reference DataService data, @Reference TokenService tokens) {
        this(instances, data, tokens, Clock.systemUTC());
    }

    ShareStore(InstanceService instances, DataService data, TokenService tokens, Clock clock) {
        this.instances = instances;
        this.data = data;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public Share create(String domain, PermissionSet granter, NewShare request) {
        if (request.permissions().rules().isEmpty()) {
            throw ApiException.invalidAttribute("permissions", "A share needs at least one rule");
        }
        if (!request.permissions().isSubsetOf(granter)) {
            throw StatusException.forbidden("Forbidden");
        }
        Instant now = clock.instant();
        ObjectNode doc = Json.mapper().createObjectNode();
        String id = Ids.newId();
        doc.put("_id", id);
        doc.put("type", TYPE);
        doc.put("source_id", request.sourceId());
        doc.set("permissions", request.permissions().toJson());
        ObjectNode codes = doc.putObject("codes");
        ObjectNode shortcodes = doc.putObject("shortcodes");
        for (String name : request.codeNames()) {
            addCode(domain, id, name, codes, request.shortcodes() ? shortcodes : null, now);
        }
        if (request.ttl() != null) {
            doc.put("expires_at", now.plus(request.ttl()).toString());
        }
        if (request.password() != null && !request.password().isEmpty()) {
            doc.put(
                    "password",
                    ScryptHash.create(request.password(), Ids.randomBytes(16)).encode());
        }
        doc.put("created_at", now.toString());
        Docs.save(db(domain), doc);
        return toShare(doc);
    }

    private void addCode(
            String domain, String id, String name, ObjectNode codes, @Nullable ObjectNode shortcodes, Instant now) {
        if (name.isBlank() || name.contains("/")) {
            throw ApiException.invalidParameter("codes", "Invalid code name " + name);
        }
        codes.put(name, tokens.mint(domain, Audience.SHARE, id + "/" + name, "", null, now));
        if (shortcodes != null) {
            StringBuilder s = new StringBuilder(12);
            for (int i = 0; i < 12; i++) {
                s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            shortcodes.put(name, s.toString());
        }
    }

    @Override
    public Optional<Share> find(String domain, String id) {
        return doc(domain, id).map(ShareStore::toShare);
    }

    private Optional<ObjectNode> doc(String domain, String id) {
        if (id == null || id.isEmpty() || id.startsWith("_")) {
            return Optional.empty();
        }
        return Docs.get(db(domain), id).filter(d -> TYPE.equals(d.path("type").asText()));
    }

    @Override
    public Share update(String domain, String id, PermissionSet granter, JsonNode attributes) {
        ObjectNode doc = doc(domain, id).orElseThrow(() -> ApiException.notFound("Permission not found"));
        if (attributes.path("permissions").isObject()) {
            updateRules(doc, granter, attributes.get("permissions"));
        }
        if (attributes.has("codes")) {
            updateCodes(domain, doc, attributes.get("codes"));
        }
        JsonNode password = attributes.get("password");
        if (password != null && password.isTextual()) {
            if (password.asText().isEmpty()) {
                doc.remove("password");
            } else {
                doc.put(
                        "password",
                        ScryptHash.create(password.asText(), Ids.randomBytes(16))
                                .encode());
            }
        }
        JsonNode expires = attributes.get("expires_at");
        if (expires != null && expires.isTextual()) {
            setExpiry(doc, expires.asText());
        }
        Docs.save(db(domain), doc);
        return toShare(doc);
    }

    private static void updateRules(ObjectNode doc, PermissionSet granter, JsonNode changes) {
        ObjectNode rules = (ObjectNode) doc.get("permissions");
        changes.properties().forEach(e -> {
            if (e.getValue().isObject() && e.getValue().isEmpty()) {
                rules.remove(e.getKey());
                return;
            }
            ObjectNode one = Json.mapper().createObjectNode();
            one.set(e.getKey(), e.getValue());
            PermissionSet added = PermissionSet.fromJson(one);
            if (!added.isSubsetOf(granter)) {
                throw StatusException.forbidden("Forbidden");
            }
            rules.setAll(added.toJson());
        });
        if (rules.isEmpty()) {
            throw ApiException.invalidAttribute("permissions", "A share needs at least one rule");
        }
    }

    private void updateCodes(String domain, ObjectNode doc, JsonNode wanted) {
        List<String> names = new ArrayList<>();
        if (wanted.isObject()) {
            wanted.fieldNames().forEachRemaining(names::add);
        } else if (wanted.isTextual()) {
            names.addAll(
                    wanted.asText().isBlank()
                            ? List.of()
                            : List.of(wanted.asText().split(",")));
        } else {
            throw ApiException.invalidAttribute(
                    "codes", "codes is an object keyed by name, or names separated by commas");
        }
        ObjectNode old = (ObjectNode) doc.get("codes");
        ObjectNode oldShort = (ObjectNode) doc.get("shortcodes");
        ObjectNode codes = Json.mapper().createObjectNode();
        ObjectNode shortcodes = Json.mapper().createObjectNode();
        for (String raw : names) {
            String name = raw.trim();
            if (old.has(name)) {
                codes.set(name, old.get(name));
                if (oldShort.has(name)) {
                    shortcodes.set(name, oldShort.get(name));
                }
            } else {
                addCode(
                        domain,
                        doc.path("_id").asText(),
                        name,
                        codes,
                        oldShort.isEmpty() ? null : shortcodes,
                        clock.instant());
            }
        }
        doc.set("codes", codes);
        doc.set("shortcodes", shortcodes);
    }

    private static void setExpiry(ObjectNode doc, String value) {
        if (value.isEmpty()) {
            doc.remove("expires_at");
            return;
        }
        try {
            doc.put("expires_at", Instant.parse(value).toString());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidAttribute("expires_at", "Not an RFC 3339 date: " + value);
        }
    }

    @Override
    public void delete(String domain, String id) {
        doc(domain, id).ifPresent(doc -> Docs.delete(db(domain), doc));
    }

    @Override
    public List<Share> list(String domain) {
        return Docs.all(db(domain)).stream()
                .filter(d -> TYPE.equals(d.path("type").asText()))
                .map(ShareStore::toShare)
                .sorted(Comparator.comparing(Share::createdAt))
                .toList();
    }

    @Override
    public Optional<Share> forCode(String domain, String code) {
        if (code == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (SHORTCODE.matcher(code).matches()) {
            return list(domain).stream()
                    .filter(s -> s.shortcodes().containsValue(code) && !s.expiredAt(now))
                    .findFirst();
        }
        Claims claims = tokens.verify(domain, code);
        int slash = claims.subject().lastIndexOf('/');
        if (claims.audience() != Audience.SHARE || slash < 0) {
            return Optional.empty();
        }
        String name = claims.subject().substring(slash + 1);
        return find(domain, claims.subject().substring(0, slash))
                .filter(s -> code.equals(s.codes().get(name)) && !s.expiredAt(now));
    }

    @Override
    public boolean checkPassword(String domain, String id, String password) {
        return password != null
                && doc(domain, id)
                        .map(d -> d.path("password").asText(""))
                        .filter(hash -> !hash.isEmpty())
                        .map(hash -> ScryptHash.decode(hash).matches(password))
                        .orElse(false);
    }

    @Override
    public String passwordCookie(String domain, Share share) {
        String hash =
                doc(domain, share.id()).map(d -> d.path("password").asText("")).orElse("");
        return Digests.hmacBase64Url(
                instances.secrets(domain).session(), "share-password\n" + share.id() + "\n" + hash);
    }

    @Override
    public boolean passwordCookieValid(String domain, Share share, @Nullable String cookie) {
        return cookie != null
                && MessageDigest.isEqual(
                        cookie.getBytes(StandardCharsets.US_ASCII),
                        passwordCookie(domain, share).getBytes(StandardCharsets.US_ASCII));
    }

    private static Share toShare(ObjectNode doc) {
        String expires = doc.path("expires_at").asText("");
        return new Share(
                doc.path("_id").asText(),
                doc.path("_rev").asText(),
                doc.path("source_id").asText(""),
                PermissionSet.fromJson(doc.path("permissions")),
                strings(doc.path("codes")),
                strings(doc.path("shortcodes")),
                expires.isEmpty() ? null : Instant.parse(expires),
                !doc.path("password").asText("").isEmpty(),
                Instant.parse(doc.path("created_at").asText()));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private Database db(String domain) {
        return data.database(instances.get(domain).domain(), Doctypes.PERMISSIONS);
    }
}
