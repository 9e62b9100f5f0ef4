package dev.hearth.apps.internal;

import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppType;
import dev.hearth.apps.DoctypeRegistry;
import dev.hearth.apps.DoctypeRegistry.Declaration;
import dev.hearth.apps.DoctypeRegistry.Doctype;
import dev.hearth.apps.Installation;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.datasystem.DeclaredDoctypes;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The doctypes the apps installed on an instance declare, for the data API: the {@link
 * DoctypeRegistry} knows what every deployed app declares (app bundles serve every instance), and
 * the instance's installations say which of those apps it has, so one instance never learns of
 * another's apps. Wildcards ({@code io.cozy.bank.*}) name no doctype and are left out.
 */
@Component
public final class InstalledDoctypes implements DeclaredDoctypes {
    private final DoctypeRegistry registry;
    private final AppInstallations installations;

    @Activate
    public InstalledDoctypes(@Reference DoctypeRegistry registry, @Reference AppInstallations installations) {
        this.registry = registry;
        this.installations = installations;
    }

    @Override
    public Set<String> doctypes(String domain) {
        Set<String> installed = installed(domain);
        Set<String> names = new TreeSet<>();
        for (Doctype doctype : registry.doctypes()) {
            if (Doctypes.isValid(doctype.name()) && declaredByOneOf(doctype, installed)) {
                names.add(doctype.name());
            }
        }
        return names;
    }

    private static boolean declaredByOneOf(Doctype doctype, Set<String> installed) {
        for (Declaration d : doctype.declarations()) {
            if (installed.contains(key(d.type(), d.slug()))) {
                return true;
            }
        }
        return false;
    }

    /** The webapps and konnectors of the instance, as {@code type/slug}. */
    private Set<String> installed(String domain) {
        Set<String> keys = new HashSet<>();
        for (AppType type : AppType.values()) {
            for (Installation i : installations.list(domain, type)) {
                keys.add(key(type, i.slug()));
            }
        }
        return keys;
    }

    private static String key(AppType type, String slug) {
        return type.value() + "/" + slug;
    }
}
