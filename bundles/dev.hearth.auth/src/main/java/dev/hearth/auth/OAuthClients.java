package dev.hearth.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The OAuth clients of each instance ({@code io.cozy.oauth.clients} documents), registered
 * dynamically (RFC 7591, managed per RFC 7592). Deleting a client revokes its tokens: access and
 * refresh tokens are only honoured while their client exists.
 */
@ProviderType
public interface OAuthClients {
    /** The message clients read as "this client was revoked". */
    String NOT_REGISTERED = "the client must be registered";

    /**
     * Registers a client from the metadata of an RFC 7591 request.
     *
     * @return the registration response: the metadata, {@code client_id}, {@code client_secret},
     *     {@code client_secret_expires_at}, {@code registration_access_token}, grant and response types
     * @throws OAuthException 400 {@code invalid_redirect_uri} or {@code invalid_client_metadata}
     */
    ObjectNode register(String domain, ObjectNode metadata);

    /** A client's document, if it exists. */
    Optional<ObjectNode> find(String domain, String clientId);

    /** Whether the client exists. */
    default boolean exists(String domain, String clientId) {
        return find(domain, clientId).isPresent();
    }

    /**
     * Replaces a client's metadata (RFC 7592). Sending the current {@code client_secret} gets a
     * new one.
     *
     * @return the client, as the registration response without the registration token
     */
    ObjectNode update(String domain, String clientId, ObjectNode metadata);

    /** The client as RFC 7592 shows it to its owner (with its secret). */
    ObjectNode describe(String domain, String clientId);

    /** Whether {@code secret} is the client's secret (in constant time). */
    boolean checkSecret(String domain, String clientId, String secret);

    /** Every client, oldest first. */
    List<ObjectNode> list(String domain);

    /** Deletes a client and so revokes its tokens; deleting one that is gone is not an error. */
    void delete(String domain, String clientId);
}
