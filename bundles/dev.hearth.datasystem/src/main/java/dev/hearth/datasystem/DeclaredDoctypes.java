package dev.hearth.datasystem;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Doctypes an instance uses before it has a database for them: those its installed apps declare.
 * The data API lists them with the doctypes that have documents ({@code /data/_all_doctypes}), so
 * a client sees the doctypes its apps work with from the start. Bundles above the datasystem (the
 * apps) implement it; the datasystem itself never does, and works without any.
 */
@ConsumerType
public interface DeclaredDoctypes {

    /**
     * The doctypes declared on the instance at {@code domain}: valid doctype names (no wildcard),
     * in any order; empty when none is.
     */
    Set<String> doctypes(String domain);
}
