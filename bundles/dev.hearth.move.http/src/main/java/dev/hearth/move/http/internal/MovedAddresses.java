package dev.hearth.move.http.internal;

import dev.hearth.move.Moves;
import dev.hearth.web.MovedInstances;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Tells the web bundle where a moved instance went, for the 410 its old clients get. */
@Component
public final class MovedAddresses implements MovedInstances {
    private final Moves moves;

    @Activate
    public MovedAddresses(@Reference Moves moves) {
        this.moves = moves;
    }

    @Override
    public @Nullable String movedTo(String domain) {
        return moves.movedTo(domain);
    }
}
