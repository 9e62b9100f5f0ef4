package dev.hearth.console.internal;

import dev.hearth.common.id.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a console form, kept on the server between the POST and the page the browser is
 * redirected to. Only a random one-time key travels in the redirect URL, so a message holding a
 * secret never reaches browser history, proxy logs or access logs. A note is for the credentials
 * that posted the form, shows once, and is forgotten after {@link #TTL}.
 */
final class ResultNotes {
    static final Duration TTL = Duration.ofMinutes(10);
    private static final int MAX_NOTES = 100;

    private record Note(String owner, String message, Instant expires) {}

    private final Map<String, Note> notes = new LinkedHashMap<>();
    private final Clock clock;

    ResultNotes() {
        this(Clock.systemUTC());
    }

    ResultNotes(Clock clock) {
        this.clock = clock;
    }

    /** Keeps a message for {@code owner}; returns the key that shows it once. */
    synchronized String put(String owner, String message) {
        Instant now = clock.instant();
        notes.values().removeIf(n -> n.expires().isBefore(now));
        Iterator<String> oldest = notes.keySet().iterator();
        while (notes.size() >= MAX_NOTES && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        String key = Ids.randomHex(16);
        notes.put(key, new Note(owner, message, now.plus(TTL)));
        return key;
    }

    /** The message under {@code key} if it is {@code owner}'s and still fresh; it is gone after. */
    synchronized Optional<String> take(String owner, String key) {
        Note note = notes.get(key);
        if (note == null || !note.owner().equals(owner)) {
            return Optional.empty();
        }
        notes.remove(key);
        return note.expires().isBefore(clock.instant()) ? Optional.empty() : Optional.of(note.message());
    }
}
