package dev.hearth.files.s3.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3 requests sent in the {@code Authorization} header. The caller
 * gives the already encoded path and query parameters, the headers to sign and the payload's
 * SHA-256; this computes the canonical request, the string to sign and the signature.
 */
final class SigV4 {
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKey;
    private final byte[] secret;
    private final String region;

    SigV4(String accessKey, String secretKey, String region) {
        this.accessKey = accessKey;
        this.secret = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        this.region = region;
    }

    /**
     * Adds {@code x-amz-date}, {@code x-amz-content-sha256} and {@code authorization} to
     * {@code headers}, which must already hold {@code host} and whatever else is to be signed.
     */
    void sign(
            String method,
            String encodedPath,
            Map<String, String> query,
            SortedMap<String, String> headers,
            String payloadSha256,
            ZonedDateTime now) {
        String stamp = STAMP.format(now.withZoneSameInstant(ZoneOffset.UTC));
        String day = stamp.substring(0, 8);
        headers.put("x-amz-date", stamp);
        headers.put("x-amz-content-sha256", payloadSha256);
        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((k, v) ->
                canonicalHeaders.append(k).append(':').append(v.strip()).append('\n'));
        String signed = String.join(";", headers.keySet());
        String canonical = method
                + '\n'
                + encodedPath
                + '\n'
                + canonicalQuery(query)
                + '\n'
                + canonicalHeaders
                + '\n'
                + signed
                + '\n'
                + payloadSha256;
        String scope = day + '/' + region + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + stamp + '\n' + scope + '\n' + sha256Hex(bytes(canonical));
        byte[] key = hmac(hmac(hmac(hmac(secret, day), region), "s3"), "aws4_request");
        String signature = HEX.formatHex(hmac(key, toSign));
        headers.put(
                "authorization",
                "AWS4-HMAC-SHA256 Credential=" + accessKey + '/' + scope + ", SignedHeaders=" + signed + ", Signature="
                        + signature);
    }

    /** The query string as signed and as sent: sorted by name, names and values encoded. */
    static String canonicalQuery(Map<String, String> query) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(query).forEach((k, v) -> {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(encode(k, true)).append('=').append(encode(v, true));
        });
        return out.toString();
    }

    /** Percent-encodes everything but the unreserved characters (and {@code /} unless {@code slash}). */
    static String encode(String text, boolean slash) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~'
                    || (c == '/' && !slash)) {
                out.append(c);
            } else {
                out.append('%').append(HEX.withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    static String sha256Hex(byte[] data) {
        return sha256Hex(data, 0, data.length);
    }

    static String sha256Hex(byte[] data, int offset, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, offset, length);
            return HEX.formatHex(md.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(bytes(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
