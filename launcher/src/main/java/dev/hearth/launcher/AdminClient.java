package dev.hearth.launcher;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** A client of the admin API: HTTP Basic with the admin passphrase, parameters in the query string. */
final class AdminClient extends ApiClient {

    AdminClient(String baseUrl, String passphrase) {
        super(
                baseUrl,
                Map.of(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(("admin:" + passphrase).getBytes(StandardCharsets.UTF_8))),
                "is the server running? Use --admin-url to point elsewhere.");
    }
}
