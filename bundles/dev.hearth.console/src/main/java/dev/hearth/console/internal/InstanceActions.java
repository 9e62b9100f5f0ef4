package dev.hearth.console.internal;

import dev.hearth.common.error.HearthException;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.NewInstance;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console's Instances page does with a form: create or delete an instance. The answer
 * shown to the admin may hold a secret (a new instance's onboarding token, with which anyone can
 * choose its passphrase and take it over); the log line says what was done, never the secret.
 */
final class InstanceActions {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceActions.class);

    private final InstanceService instances;

    InstanceActions(InstanceService instances) {
        this.instances = instances;
    }

    /**
     * Runs one form action.
     *
     * @return the message for the admin's page
     */
    String perform(@Nullable String action, @Nullable String domain, @Nullable String locale, @Nullable String email) {
        String target = domain == null ? "" : domain;
        try {
            return switch (String.valueOf(action)) {
                case "create" -> create(target, locale, email);
                case "delete" -> delete(target);
                default -> "Unknown action";
            };
        } catch (HearthException e) {
            LOG.info("Console: {} of instance '{}' failed: {}", action, target, e.getMessage());
            return "Failed: " + e.getMessage();
        }
    }

    private String create(String domain, @Nullable String locale, @Nullable String email) {
        Instance created = instances.create(NewInstance.builder(domain)
                .locale(blankToNull(locale))
                .email(blankToNull(email))
                .build());
        LOG.info("Console: instance '{}' created", created.domain());
        return "Created " + created.domain() + "; onboarding token " + created.registerToken();
    }

    private String delete(String domain) {
        instances.destroy(domain);
        LOG.info("Console: instance '{}' deleted", domain);
        return "Deleted " + domain;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
