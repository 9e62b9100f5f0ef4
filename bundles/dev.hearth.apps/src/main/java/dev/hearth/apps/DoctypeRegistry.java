package dev.hearth.apps;

import dev.hearth.auth.Rule;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The doctypes the deployed apps declare, and which apps declare them: gathered from the {@link
 * DoctypeContribution} services, so it follows apps as they come and go.
 */
@ProviderType
public interface DoctypeRegistry {

    /** Every doctype or wildcard some app declares, sorted by name, with its declarations. */
    List<Doctype> doctypes();

    /**
     * What the apps declare about {@code name}: the declarations whose rule covers it, by its name
     * or by a wildcard ({@code io.cozy.bank.*} covers {@code io.cozy.bank.operations}); empty when
     * none does.
     */
    Optional<Doctype> doctype(String name);

    /**
     * A doctype and what the apps say of it.
     *
     * @param name the doctype, or a wildcard as declared
     * @param declarations one per app rule on it, by app slug
     */
    record Doctype(String name, List<Declaration> declarations) {
        public Doctype {
            declarations = List.copyOf(declarations);
        }

        /** The slugs of the apps that declare it, sorted. */
        public Set<String> slugs() {
            Set<String> slugs = new TreeSet<>();
            declarations.forEach(d -> slugs.add(d.slug()));
            return slugs;
        }
    }

    /**
     * One app's declaration of a doctype.
     *
     * @param slug the app
     * @param type webapp or konnector
     * @param rule its permission rule: the manifest key as title, its description and verbs
     */
    record Declaration(String slug, AppType type, Rule rule) {}
}
