package dev.hearth.instances;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The user-editable settings of an instance, as Cozy's {@code io.cozy.settings.instance}
 * document: {@code locale}, {@code email}, {@code public_name} and {@code timezone} (the
 * instance's own fields) and whatever other attributes the user's apps stored there. The instance
 * service keeps them in the instance's record, so there is one source of truth and an update is
 * one write.
 *
 * @param rev CouchDB-style revision {@code N-<hex>}; an update must name the current one
 * @param attributes the attributes, without the ones the server computes (context, auth mode...);
 *     a copy, so changing it changes nothing stored
 */
public record InstanceSettings(String rev, ObjectNode attributes) {

    public InstanceSettings {
        attributes = attributes.deepCopy();
    }

    /** A copy of the attributes. */
    @Override
    public ObjectNode attributes() {
        return attributes.deepCopy();
    }
}
