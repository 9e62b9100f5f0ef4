package dev.hearth.apps.internal;

import dev.hearth.apps.DoctypeContribution;
import dev.hearth.apps.DoctypeRegistry;
import dev.hearth.auth.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The doctype registry: a whiteboard of {@link DoctypeContribution} services. The extender
 * registers them with each app bundle's context, so an app's doctypes leave with it. Answers are
 * computed from the current contributions on each call (a few rules per app).
 */
@Component
public final class DoctypeRegistryImpl implements DoctypeRegistry {
    private static final Comparator<Declaration> BY_APP =
            Comparator.comparing(Declaration::slug).thenComparing(Declaration::type);

    private final List<DoctypeContribution> contributions = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContribution(DoctypeContribution contribution) {
        contributions.add(contribution);
    }

    void removeContribution(DoctypeContribution contribution) {
        // By identity: two apps may contribute equal records, and each leaves on its own.
        contributions.removeIf(c -> c == contribution);
    }

    @Override
    public List<Doctype> doctypes() {
        Map<String, List<Declaration>> byName = new TreeMap<>();
        for (Declaration d : declarations()) {
            byName.computeIfAbsent(d.rule().type(), n -> new ArrayList<>()).add(d);
        }
        List<Doctype> doctypes = new ArrayList<>();
        byName.forEach((name, declared) -> doctypes.add(new Doctype(name, sorted(declared))));
        return doctypes;
    }

    @Override
    public Optional<Doctype> doctype(String name) {
        List<Declaration> covering = new ArrayList<>();
        for (Declaration d : declarations()) {
            if (d.rule().matchesType(name)) {
                covering.add(d);
            }
        }
        return covering.isEmpty() ? Optional.empty() : Optional.of(new Doctype(name, sorted(covering)));
    }

    /** Each declaration once: the versions of an app deployed side by side often declare the same. */
    private Set<Declaration> declarations() {
        Set<Declaration> all = new LinkedHashSet<>();
        for (DoctypeContribution c : contributions) {
            for (Rule rule : c.permissions().rules()) {
                all.add(new Declaration(c.slug(), c.type(), rule));
            }
        }
        return all;
    }

    private static List<Declaration> sorted(List<Declaration> declarations) {
        declarations.sort(BY_APP);
        return declarations;
    }
}
