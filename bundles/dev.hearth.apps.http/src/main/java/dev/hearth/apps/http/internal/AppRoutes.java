package dev.hearth.apps.http.internal;

import dev.hearth.apps.AppManifest.Route;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which route of an app's manifest a path falls under, as cozy-stack picks it: the route whose
 * path is a prefix of the request's, segment by segment, with the most segments ({@code /}
 * counting as one).
 *
 * @param route the route
 * @param rest what remains of the path after the route's own, without leading slash
 */
record AppRoutes(Route route, String rest) {

    static @Nullable AppRoutes find(List<Route> routes, String path) {
        String[] asked = segments(path);
        AppRoutes best = null;
        int bestLength = 0;
        for (Route route : routes) {
            String[] own = segments(route.path());
            if (own.length > asked.length || !prefix(own, asked)) {
                continue;
            }
            int length = Math.max(1, own.length);
            if (best == null || length > bestLength) {
                best = new AppRoutes(route, String.join("/", Arrays.copyOfRange(asked, own.length, asked.length)));
                bestLength = length;
            }
        }
        return best;
    }

    /** The file this path asks for, inside the route's folder, or its index. */
    String file() {
        return rest.isEmpty() || rest.equals(route.index()) ? route.index() : rest;
    }

    boolean isIndex() {
        return file().equals(route.index());
    }

    /** The file's path inside the app, with the route's folder. */
    String resourcePath() {
        String folder = route.folder().endsWith("/") ? route.folder() : route.folder() + "/";
        return folder + file();
    }

    private static boolean prefix(String[] own, String[] asked) {
        for (int i = 0; i < own.length; i++) {
            if (!own[i].equals(asked[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
