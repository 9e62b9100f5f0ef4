package dev.hearth.apps.internal.intents;

import dev.hearth.apps.AppManifest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Which intent of a manifest serves a request, and where, by cozy-stack's rules: the action is
 * compared ignoring case; a declared type serves the same type, and {@code image/*} also serves
 * any {@code image/...} type. A declared {@code image/*} does not serve a doctype, and a doctype
 * serves only itself.
 */
final class IntentMatching {
    private IntentMatching() {}

    /** The first intent of {@code offered}, in manifest order, that serves the request. */
    static Optional<AppManifest.Intent> find(List<AppManifest.Intent> offered, String action, String type) {
        return offered.stream().filter(i -> serves(i, action, type)).findFirst();
    }

    static boolean serves(AppManifest.Intent intent, String action, String type) {
        return intent.action().equalsIgnoreCase(action)
                && intent.types().stream().anyMatch(declared -> typeMatches(declared, type));
    }

    /** Whether a declared type ({@code io.cozy.files}, {@code image/*}) covers {@code type}. */
    static boolean typeMatches(String declared, String type) {
        if (declared.equals(type)) {
            return true;
        }
        int slash = type.indexOf('/');
        return slash >= 0 && declared.equals(type.substring(0, slash) + "/*");
    }

    /**
     * The page that serves intent {@code id}: the manifest's {@code href} on the app's origin, its
     * query replaced by {@code intent=<id>} and its {@code #} part kept as the fragment.
     *
     * @param origin the app's origin, without a trailing slash
     * @param href the manifest's href, starting with {@code /}
     */
    static String href(String origin, String href, String id) {
        int hash = href.indexOf('#');
        String path = hash < 0 ? href : href.substring(0, hash);
        String fragment = hash < 0 || hash == href.length() - 1 ? null : href.substring(hash + 1);
        int question = path.indexOf('?');
        if (question >= 0) {
            path = path.substring(0, question);
        }
        try {
            URI page = new URI(null, null, path.isEmpty() ? "/" : path, "intent=" + id, fragment);
            return origin + page.toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid intent href " + href, e);
        }
    }
}
