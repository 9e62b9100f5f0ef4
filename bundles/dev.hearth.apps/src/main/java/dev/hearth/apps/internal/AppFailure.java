package dev.hearth.apps.internal;

import dev.hearth.apps.FailedAppDTO;
import dev.hearth.apps.internal.manifest.ManifestException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;

/**
 * Why one app bundle is not deployed.
 *
 * @param reason a reason code of {@link FailedAppDTO}
 */
record AppFailure(
        long bundleId, String symbolicName, @Nullable String slug, String reason, String message) {

    static AppFailure of(Bundle bundle, @Nullable String slug, String reason, String message) {
        return new AppFailure(
                bundle.getBundleId(), Objects.requireNonNullElse(bundle.getSymbolicName(), ""), slug, reason, message);
    }

    static AppFailure of(Bundle bundle, ManifestException e) {
        return of(bundle, e.slug(), e.reason(), Objects.requireNonNullElse(e.getMessage(), e.reason()));
    }

    /** A valid app that waits because {@code holder} has its slug. */
    static AppFailure waiting(AppCandidate candidate, SlugClaims.Refused refused) {
        SlugClaims.Claim holder = refused.holder();
        return of(
                candidate.bundle(),
                candidate.manifest().slug(),
                refused.reason(),
                "the " + holder.type().value() + " '" + holder.slug() + "' is deployed from bundle '"
                        + holder.symbolicName() + "' " + holder.version() + " [" + holder.bundleId() + "]");
    }

    FailedAppDTO toDTO() {
        FailedAppDTO dto = new FailedAppDTO();
        dto.bundleId = bundleId;
        dto.symbolicName = symbolicName;
        dto.slug = slug;
        dto.reason = reason;
        dto.message = message;
        return dto;
    }
}
