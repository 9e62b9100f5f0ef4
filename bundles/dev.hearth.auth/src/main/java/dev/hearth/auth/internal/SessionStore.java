package dev.hearth.auth.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Session;
import dev.hearth.auth.Sessions;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.Revision;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.SubdomainMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Sessions as {@code io.cozy.sessions} documents of the instance. The cookie value is the session
 * id and an HMAC-SHA256 of it under the instance's session key. {@code last_seen} is written at
 * most once a day per session, so that browsing does not turn reads into writes.
 */
@Component
public final class SessionStore implements Sessions {
    static final String NESTED_COOKIE = "cozysessid";
    private static final Duration SEEN_PRECISION = Duration.ofDays(1);

    private final InstanceService instances;
    private final DataService data;
    private final Clock clock;
    private final VerifiedSessions verified = new VerifiedSessions();

    @Activate
    public SessionStore(@Reference InstanceService instances, @Reference DataService data) {
        this(instances, data, Clock.systemUTC());
    }

    SessionStore(InstanceService instances, DataService data, Clock clock) {
        this.instances = instances;
        this.data = data;
        this.clock = clock;
    }

    @Override
    public Session create(String domain, boolean longRun, boolean shortRun) {
        Instant now = clock.instant();
        Session session = new Session(Ids.newId(), now, now, longRun && !shortRun, shortRun);
        Docs.save(db(domain), toDoc(session));
        return session;
    }

    @Override
    public Optional<Session> fromCookie(String domain, String cookieValue) {
        int dot = cookieValue.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String id = cookieValue.substring(0, dot);
        if (!verified.signed(domain, cookieValue) && !signed(domain, id, cookieValue)) {
            return Optional.empty();
        }
        Optional<Revision> current = read(db(domain), id);
        if (current.isEmpty()) {
            verified.forget(domain, cookieValue);
            return Optional.empty();
        }
        Revision rev = current.get();
        Session known = verified.at(domain, cookieValue, rev.rev());
        if (known != null && !known.expiredAt(clock.instant()) && !needsTouch(known, clock.instant())) {
            return Optional.of(known);
        }
        Optional<Session> live = live(domain, Documents.json(rev));
        live.ifPresentOrElse(
                s -> verified.remember(domain, cookieValue, rev.rev(), s), () -> verified.forget(domain, cookieValue));
        return live;
    }

    private boolean signed(String domain, String id, String cookieValue) {
        return MessageDigest.isEqual(
                cookieValue.getBytes(StandardCharsets.US_ASCII),
                cookieValue(domain, id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The session's document as stored, unparsed, if it exists. */
    private static Optional<Revision> read(Database db, String id) {
        try {
            return Optional.of(db.get(id, null, false));
        } catch (CouchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean needsTouch(Session session, Instant now) {
        return session.lastSeen().plus(SEEN_PRECISION).isBefore(now);
    }

    private Optional<Session> live(String domain, ObjectNode doc) {
        Session session = fromDoc(doc);
        Instant now = clock.instant();
        if (session.expiredAt(now)) {
            Docs.delete(db(domain), doc);
            return Optional.empty();
        }
        if (needsTouch(session, now)) {
            return touch(domain, doc, now);
        }
        return Optional.of(session);
    }

    /**
     * Writes {@code last_seen}. It is only kept to the day, so a touch that loses a race to
     * another write of the session is skipped: if the session was touched meanwhile, that write
     * stands; if it was ended (a logout), it stays ended and the cookie no longer names one. A
     * touch never fails a request.
     */
    private Optional<Session> touch(String domain, ObjectNode doc, Instant now) {
        doc.put("last_seen", now.toString());
        try {
            Docs.save(db(domain), doc);
            return Optional.of(fromDoc(doc));
        } catch (CouchException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
        return Docs.get(db(domain), doc.path("_id").asText())
                .map(SessionStore::fromDoc)
                .filter(current -> !current.expiredAt(now));
    }

    @Override
    public boolean exists(String domain, String sessionId) {
        return Docs.get(db(domain), sessionId)
                .map(doc -> !fromDoc(doc).expiredAt(clock.instant()))
                .orElse(false);
    }

    @Override
    public String cookieValue(String domain, Session session) {
        return cookieValue(domain, session.id());
    }

    private String cookieValue(String domain, String id) {
        return id + "." + Digests.hmacBase64Url(instances.secrets(domain).session(), "session\n" + domain + "\n" + id);
    }

    @Override
    public String cookieName(String domain) {
        return instances.subdomainMode() == SubdomainMode.FLAT
                ? "sess-" + instances.get(domain).prefix()
                : NESTED_COOKIE;
    }

    @Override
    public List<Session> list(String domain) {
        Instant now = clock.instant();
        List<Session> live = new ArrayList<>();
        for (ObjectNode doc : Docs.all(db(domain))) {
            Session s = fromDoc(doc);
            if (s.expiredAt(now)) {
                Docs.delete(db(domain), doc);
            } else {
                live.add(s);
            }
        }
        live.sort(Comparator.comparing(Session::createdAt));
        return live;
    }

    @Override
    public void delete(String domain, String sessionId) {
        Docs.get(db(domain), sessionId).ifPresent(doc -> Docs.delete(db(domain), doc));
    }

    @Override
    public void deleteOthers(String domain, String keepId) {
        for (ObjectNode doc : Docs.all(db(domain))) {
            if (!doc.path("_id").asText().equals(keepId)) {
                Docs.delete(db(domain), doc);
            }
        }
    }

    private Database db(String domain) {
        return data.database(instances.get(domain).domain(), Doctypes.SESSIONS);
    }

    private static ObjectNode toDoc(Session s) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", s.id());
        doc.put("created_at", s.createdAt().toString());
        doc.put("last_seen", s.lastSeen().toString());
        doc.put("long_run", s.longRun());
        doc.put("short_run", s.shortRun());
        return doc;
    }

    static Session fromDoc(ObjectNode doc) {
        return new Session(
                doc.path("_id").asText(),
                Instant.parse(doc.path("created_at").asText()),
                Instant.parse(doc.path("last_seen").asText()),
                doc.path("long_run").asBoolean(),
                doc.path("short_run").asBoolean());
    }
}
