package dev.hearth.jobs.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jspecify.annotations.Nullable;

/** The next fire time of every time trigger, ordered; one entry per trigger. */
final class Agenda {

    /** A trigger due at {@code at}. */
    record Due(Instant at, String domain, String id) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = at.compareTo(o.at);
            if (c == 0) {
                c = domain.compareTo(o.domain);
            }
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    private final ConcurrentSkipListSet<Due> entries = new ConcurrentSkipListSet<>();
    private final Map<String, Due> byTrigger = new ConcurrentHashMap<>();

    synchronized void put(String domain, String id, Instant at) {
        remove(domain, id);
        Due due = new Due(at, domain, id);
        entries.add(due);
        byTrigger.put(domain + "/" + id, due);
    }

    synchronized void remove(String domain, String id) {
        Due old = byTrigger.remove(domain + "/" + id);
        if (old != null) {
            entries.remove(old);
        }
    }

    synchronized void removeDomain(String domain) {
        entries.removeIf(d -> {
            if (d.domain().equals(domain)) {
                byTrigger.remove(d.domain() + "/" + d.id());
                return true;
            }
            return false;
        });
    }

    /** Takes out the entries due at {@code now} or before. */
    synchronized List<Due> takeDue(Instant now) {
        List<Due> out = new ArrayList<>();
        Due first;
        while ((first = entries.isEmpty() ? null : entries.first()) != null
                && !first.at().isAfter(now)) {
            entries.remove(first);
            byTrigger.remove(first.domain() + "/" + first.id());
            out.add(first);
        }
        return out;
    }

    @Nullable
    Instant next(String domain, String id) {
        Due due = byTrigger.get(domain + "/" + id);
        return due == null ? null : due.at();
    }

    int size() {
        return byTrigger.size();
    }
}
