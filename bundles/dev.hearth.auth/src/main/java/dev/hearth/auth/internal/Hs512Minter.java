package dev.hearth.auth.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hearth.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Writes HS512 JSON Web Tokens of Cozy's claims. An app's page mints a token on every load, and
 * building it through the general JOSE library (claims objects, a new MAC looked up and keyed
 * each time) was a fifth of the page's cost; here the claims are written straight to JSON and the
 * MAC is cloned from one keyed per signing key. Tokens are still read and verified by the JOSE
 * library.
 */
final class Hs512Minter {
    /** Keyed MACs kept; past that many (instances times key kinds), the cache starts over. */
    static final int MAX_KEYS = 4096;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] HEADER = BASE64URL.encode("{\"alg\":\"HS512\"}".getBytes(StandardCharsets.US_ASCII));

    private record Keyed(byte[] key, Mac mac) {}

    private final Map<String, Keyed> macs = new ConcurrentHashMap<>();

    /**
     * @param keyName names the key ({@code issuer} and kind): a key under the same name that
     *     changed is keyed again
     */
    String mint(
            String keyName,
            byte[] key,
            String audience,
            String issuer,
            long issuedAtSeconds,
            String subject,
            String scope,
            @Nullable String sessionId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(HEADER);
        out.write('.');
        out.writeBytes(BASE64URL.encode(claims(audience, issuer, issuedAtSeconds, subject, scope, sessionId)));
        byte[] signature = mac(keyName, key).doFinal(out.toByteArray());
        out.write('.');
        out.writeBytes(BASE64URL.encode(signature));
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] claims(
            String audience,
            String issuer,
            long issuedAtSeconds,
            String subject,
            String scope,
            @Nullable String sessionId) {
        ByteArrayOutputStream json = new ByteArrayOutputStream(192);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(json)) {
            g.writeStartObject();
            g.writeStringField("aud", audience);
            g.writeStringField("iss", issuer);
            g.writeNumberField("iat", issuedAtSeconds);
            g.writeStringField("sub", subject);
            if (!scope.isEmpty()) {
                g.writeStringField("scope", scope);
            }
            if (sessionId != null) {
                g.writeStringField("session_id", sessionId);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.toByteArray();
    }

    private Mac mac(String keyName, byte[] key) {
        Keyed keyed = macs.get(keyName);
        if (keyed == null || !MessageDigest.isEqual(keyed.key(), key)) {
            keyed = new Keyed(key.clone(), newMac(key));
            if (macs.size() >= MAX_KEYS) {
                macs.clear();
            }
            macs.put(keyName, keyed);
        }
        try {
            return (Mac) keyed.mac().clone();
        } catch (CloneNotSupportedException e) {
            return newMac(key);
        }
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(key, "HmacSHA512"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is not available", e);
        }
    }
}
