package dev.hearth.files.internal;

import dev.hearth.files.ThumbnailRequests;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Hands a thumbnail request to the registered {@link ThumbnailRequests}, looked up at each request
 * rather than bound: its provider (the jobs' thumbnail queue) stands on services that stand on the
 * file service, a loop SCR cannot bind while that service starts. Without a framework (tests) no
 * request is taken and thumbnails are made on the file service's own thread.
 */
final class RegisteredThumbnailRequests implements Thumbnails.ThumbnailRequests {
    private final @Nullable BundleContext context;

    RegisteredThumbnailRequests(@Nullable BundleContext context) {
        this.context = context;
    }

    @Override
    public boolean request(String domain, String fileId, String contentKey) {
        BundleContext bundle = context;
        if (bundle == null) {
            return false;
        }
        ServiceReference<ThumbnailRequests> ref;
        try {
            ref = bundle.getServiceReference(ThumbnailRequests.class);
        } catch (IllegalStateException e) { // stopping
            return false;
        }
        ThumbnailRequests to = ref == null ? null : bundle.getService(ref);
        if (to == null) {
            return false;
        }
        try {
            to.request(domain, fileId, contentKey);
            return true;
        } finally {
            bundle.ungetService(ref);
        }
    }
}
