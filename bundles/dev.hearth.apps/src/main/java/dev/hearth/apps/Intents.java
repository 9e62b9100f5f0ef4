package dev.hearth.apps;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Intents: an app asks that another app of the instance do something for it ({@code PICK} a file,
 * {@code CREATE} a contact...), as cozy-stack's {@code /intents} does. Creating one finds the
 * installed web apps whose manifest offers the action on the type and keeps an {@code
 * io.cozy.intents} document naming them; the client app then frames one of them, which reads the
 * intent back. The data the apps exchange never reaches the server.
 *
 * <p>App origins ({@code http://drive.alice.example:8080}) follow the instance's subdomain mode;
 * {@code secure} says whether the instance is reached over HTTPS.
 *
 * <p>Errors are {@link dev.hearth.common.error.ApiException}s: 422 when the action or type is
 * missing, 403 when the caller may not, 404 when there is no such intent.
 */
@ProviderType
public interface Intents {
    /** The doctype of intent documents. */
    String DOCTYPE = "io.cozy.intents";

    /**
     * Creates an intent for the web app {@code clientSlug}, installed on the instance.
     *
     * @return the stored intent, with the apps that can serve it (possibly none)
     */
    Intent create(String domain, String clientSlug, Request request, boolean secure);

    /**
     * The intent {@code id}, for the web app {@code readerSlug}: only the apps among its services
     * may read it.
     */
    Intent get(String domain, String id, String readerSlug, boolean secure);

    /**
     * The origin of the app that created intent {@code intentId}, when {@code slug} is among its
     * services: the app host adds it to {@code frame-ancestors}, so that the client can frame the
     * service. Empty for an unknown intent or another app, never an error.
     */
    Optional<String> clientOrigin(String domain, String intentId, String slug, boolean secure);

    /**
     * What a client app asks.
     *
     * @param action {@code PICK}, {@code OPEN}... (matched ignoring case); empty when missing
     * @param type a doctype or a MIME type ({@code image/png}); empty when missing
     * @param permissions the verbs the client asks the service to use, as the client wrote them
     */
    record Request(String action, String type, List<String> permissions) {
        public Request {
            permissions = List.copyOf(permissions);
        }
    }

    /**
     * A stored intent.
     *
     * @param client the client's source, {@code io.cozy.apps/<slug>}, as stored
     * @param clientOrigin the client app's origin, as clients see the intent's {@code client}
     * @param services the installed apps that can serve it, by slug
     */
    record Intent(
            String id,
            String rev,
            String action,
            String type,
            List<String> permissions,
            String client,
            String clientOrigin,
            List<Service> services) {
        public Intent {
            permissions = List.copyOf(permissions);
            services = List.copyOf(services);
        }
    }

    /**
     * An app that can serve an intent.
     *
     * @param href the page of the app that serves it, with {@code ?intent=<id>}
     */
    record Service(String slug, String href) {}
}
