package dev.hearth.itests;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A scripted browser for one instance host: it keeps the cookies the server sets (whatever their
 * domain, since requests go to the loopback address with a {@code Host} header), posts forms,
 * and hashes passphrases as the login page's script does.
 */
final class WebClient {
    private static final Pattern INPUT = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]*)\"");
    private final String baseUrl;
    private final String host;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    WebClient(String baseUrl, String host) {
        this.baseUrl = baseUrl;
        this.host = host;
    }

    Http.Response get(String path) {
        return remember(withCookies(Http.get(baseUrl + path).host(host)).send());
    }

    Http.Response post(String path, Map<String, String> form) {
        return remember(withCookies(Http.post(baseUrl + path).host(host))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(encode(form))
                .send());
    }

    Http.Request request(String method, String path) {
        return withCookies(Http.method(method, baseUrl + path).host(host));
    }

    Http.Response remember(Http.Response r) {
        for (String header : r.raw().headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (value.isEmpty() || header.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return r;
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    /** Every cookie kept, by name. */
    Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    private Http.Request withCookies(Http.Request r) {
        if (!cookies.isEmpty()) {
            StringJoiner header = new StringJoiner("; ");
            cookies.forEach((k, v) -> header.add(k + "=" + v));
            r.header("Cookie", header.toString());
        }
        return r;
    }

    /** The hidden and prefilled fields of the first form of a page. */
    static Map<String, String> fields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = INPUT.matcher(html);
        while (m.find()) {
            fields.put(
                    m.group(1),
                    m.group(2).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'"));
        }
        return fields;
    }

    static String attribute(String html, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("No " + name + " in " + html);
        }
        return m.group(1);
    }

    static String encode(Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    /** The current code of an authenticator app for a Base32 secret (RFC 6238, six digits). */
    static String totp(String base32Secret) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : base32Secret.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                key.write(buffer >> (bits - 8));
                bits -= 8;
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.toByteArray(), "HmacSHA1"));
            long step = System.currentTimeMillis() / 30_000;
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int o = h[h.length - 1] & 0x0f;
            int binary =
                    ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the login page's script posts for a passphrase. */
    static String hash(String passphrase, String salt, int iterations) {
        try {
            byte[] master = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(
                            passphrase.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations, 256))
                    .getEncoded();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            mac.update(passphrase.getBytes(StandardCharsets.UTF_8));
            byte[] hashed = mac.doFinal(new byte[] {0, 0, 0, 1});
            return Base64.getEncoder().encodeToString(hashed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
