package dev.hearth.instances.http.internal;

import dev.hearth.common.jsonapi.Resource;
import dev.hearth.instances.Instance;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON:API form of an instance in the admin API (type {@code instances}, no secrets). */
final class InstanceJson {
    static final String TYPE = "instances";

    private InstanceJson() {}

    static Resource resource(Instance i) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("domain", i.domain());
        a.put("prefix", i.prefix());
        a.put("locale", i.locale());
        a.put("context", i.contextName());
        a.put("email", i.email());
        a.put("public_name", i.publicName());
        a.put("timezone", i.timezone());
        a.put("uuid", i.uuid());
        a.put("onboarding_finished", i.onboardingFinished());
        a.put("password_defined", i.passwordDefined());
        if (i.registerToken() != null) {
            // As in Cozy: base64 of the token bytes here; the onboarding URL carries them in hex.
            a.put(
                    "register_token",
                    Base64.getEncoder().encodeToString(HexFormat.of().parseHex(i.registerToken())));
        }
        a.put("disk_quota", i.diskQuota());
        a.put("blocked", i.blocked());
        a.put("blocking_reason", i.blockingReason());
        a.put("auth_mode", i.authMode());
        a.put("created_at", i.createdAt());
        a.values().removeIf(v -> v == null);
        return Resource.of(TYPE, i.id(), a, "/instances/" + i.domain());
    }
}
